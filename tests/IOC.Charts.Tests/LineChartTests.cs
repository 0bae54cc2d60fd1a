using IOC.Domain.Kpis;
using ScottPlot;

namespace IOC.Charts.Tests;

public class LineChartTests
{
    private const string Blue = "#0b5cab";
    private const string Green = "#2e7d32";
    private static readonly DateTime November = new(2026, 11, 1);

    [Fact]
    public void TheChartsFontIsInstalled()
    {
        ChartFonts.IsInstalled.Should().BeTrue($"scripts/test.sh installs {ChartFonts.Package}; without it Skia falls back to another font");
    }

    [Fact]
    public void APngHasTheAskedSizeTheLineInBlueAndTheTargetDashedInGreen()
    {
        var plot = LineChart.Build(Input(Days(90, 92, 94, 96, 97)));

        using var png = new Pixels(ChartImage.Png(plot, ChartSize.Document));

        (png.Width, png.Height).Should().Be((1200, 600));
        png.Count(Blue).Should().BeGreaterThan(1500, "a 2.5 px line with markers across the plot");
        png.Count(Green).Should().BeGreaterThan(400, "a dashed 2 px line across the plot and its legend swatch");
    }

    [Fact]
    public void ThePrintScaleDrawsTwiceThePixelsWithTheSameLayout()
    {
        var plot = LineChart.Build(Input(Days(90, 92, 94)));

        using var png = new Pixels(ChartImage.Png(plot, new ChartSize(800, 300, 2)));

        (png.Width, png.Height).Should().Be((1600, 600));
    }

    [Fact]
    public void TheTargetLineSitsAtTheTargetsHeight()
    {
        var plot = LineChart.Build(Input(Days(80, 85, 90)));
        using var png = new Pixels(ChartImage.Png(plot, ChartSize.Document));
        var target = plot.GetPixel(new Coordinates(November.AddDays(1).ToOADate(), 95));

        var greenRows = png.Rows(Green, (int)target.X - 3, (int)target.X + 3);

        greenRows.Should().Contain(r => Math.Abs(r - target.Y) <= 2, "the dashed target runs at y = 95 %");
    }

    [Fact]
    public void AStepWithoutDataIsAGapNotAZero()
    {
        var plot = LineChart.Build(Input(Days(90, 91, null, null, null, 93, 94)));
        var bytes = ChartImage.Png(plot, ChartSize.Document);
        Artifacts.Save("line-gap", bytes);
        using var png = new Pixels(bytes);
        var gap = plot.GetPixel(new Coordinates(November.AddDays(3).ToOADate(), 90));
        var drawn = plot.GetPixel(new Coordinates(November.AddDays(0.5).ToOADate(), 90));

        png.Count(Blue, (int)gap.X - 20, (int)gap.X + 20).Should().Be(0, "nothing is drawn where no step had data");
        png.Count(Blue, (int)drawn.X - 5, (int)drawn.X + 5).Should().BeGreaterThan(0);
    }

    [Fact]
    public void TheSvgKeepsTheVietnameseTitleTargetAndTicksAsTextInDejaVuSans()
    {
        var svg = ChartImage.Svg(LineChart.Build(Input(Days(90.5, 92, 94))), ChartSize.Document);

        svg.Should().Contain("Phường Cửa Nam — Tỷ lệ giải quyết đúng hạn").And.Contain("01/11/2026 – 03/11/2026 · theo ngày");
        svg.Should().Contain("Chỉ tiêu ≥ 95%").And.Contain("Tỷ lệ (%)").And.Contain("02/11");
        svg.Should().Contain("DejaVu Sans");
    }

    [Fact]
    public void InEnglishTheWordsAndNumbersAreEnglish()
    {
        var input = Input(Days(1234, 2345)) with
        {
            Title = "Cua Nam Ward — Dossiers received", Subtitle = "1–2 Nov 2026 · per day", Kind = KpiKind.Count, Target = null, English = true,
        };

        var svg = ChartImage.Svg(LineChart.Build(input), ChartSize.Document);

        svg.Should().Contain("Number").And.Contain("Cua Nam Ward — Dossiers received").And.Contain("2,000");
        svg.Should().NotContain("Chỉ tiêu");
    }

    [Fact]
    public void APeriodWithoutAnyDataSaysSoInsteadOfAnEmptyFrame()
    {
        var svg = ChartImage.Svg(LineChart.Build(Input(Days(null, null))), ChartSize.Document);

        svg.Should().Contain("Chưa có số liệu trong kỳ này");
    }

    [Fact]
    public void SeveralLinesGetTheirOwnColoursAndNames()
    {
        var input = Input(Days(90, 92)) with { Lines = [new ChartLine("Văn phòng UBND", Days(90, 92)), new ChartLine("Trung tâm PVHCC", Days(97, 99))] };
        var plot = LineChart.Build(input);

        var bytes = ChartImage.Png(plot, ChartSize.Document);
        Artifacts.Save("line-two", bytes);
        using var png = new Pixels(bytes);
        var svg = ChartImage.Svg(plot, ChartSize.Document);

        png.Count("#8e24aa").Should().BeGreaterThan(300, "the second line is purple");
        svg.Should().Contain("Văn phòng UBND").And.Contain("Trung tâm PVHCC");
    }

    private static LineChartInput Input(IReadOnlyList<ChartPoint> points) => new(
        "Phường Cửa Nam — Tỷ lệ giải quyết đúng hạn",
        $"01/11/2026 – {points[^1].At:dd/MM/yyyy} · theo ngày",
        KpiKind.Rate,
        ChartStep.Days,
        [new ChartLine("Phường Cửa Nam", points)],
        new ChartTarget(95, ">="),
        English: false);

    private static List<ChartPoint> Days(params double?[] values) => [.. values.Select((v, i) => new ChartPoint(November.AddDays(i), v))];
}

public class ConcurrentChartTests
{
    [Fact]
    public void ChartsDrawnFromManyThreadsAtOnceAreAllComplete()
    {
        var svgs = new string[48];

        Parallel.For(0, svgs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var points = Enumerable.Range(0, 10).Select(d => new ChartPoint(new DateTime(2026, 11, 1).AddDays(d), 80.0 + i % 7 + d)).ToList();
            var input = new LineChartInput($"Biểu đồ {i}", "01/11/2026 – 10/11/2026 · theo ngày", IOC.Domain.Kpis.KpiKind.Rate, ChartStep.Days,
                [new ChartLine("Phường Cửa Nam", points)], new ChartTarget(95, ">="), English: false);
            svgs[i] = ChartImage.Svg(LineChart.Build(input), ChartSize.Document);
        });

        svgs.Select((svg, i) => svg.Contains($"Biểu đồ {i}") && svg.Contains("Chỉ tiêu ≥ 95%")).Should().AllBeEquivalentTo(true);
    }
}
