using IOC.Charts;
using IOC.Reports.Print;
using IOC.Tests.Shared;
using SkiaSharp;

namespace IOC.Reports.Tests.Print;

/// <summary>The review's trend charts (ScottPlot): one per committed KPI, in the HTML and in the printed PDF.</summary>
public class ReviewChartTests
{
    [Fact]
    public async Task ThePdfCarriesOneChartPerCommittedKpiAtPrintResolution()
    {
        var report = KnownReview.Build();

        var pdf = await Printer.PrintAsync(report);

        var charts = Poppler.Images(pdf).Where(i => i.Width == ReviewCharts.PrintSize.PixelWidth).ToList();
        charts.Should().HaveCount(report.Kpis.Count);
        charts.Should().OnlyContain(i => i.Height == ReviewCharts.PrintSize.PixelHeight);
        Poppler.Flat(Poppler.Text(pdf)).Should().Contain("Phụ lục: Diễn biến thực hiện các cam kết");
        SavePage(pdf, charts[0].Page);
    }

    [Fact]
    public void EachChartHasALinePerAgencyCommittedToItsKpiAndTheCommitmentsTarget()
    {
        var report = KnownReview.Build();
        var kpi = report.Kpis.First(k => report.CommittedTo(k) > 1);

        var input = ReviewCharts.Input(report, kpi, ReviewWords.Vietnamese, english: false);
        using var png = SKBitmap.Decode(ChartImage.Png(LineChart.Build(input), ReviewCharts.PrintSize));

        input.Lines.Select(l => l.Name).Should().BeEquivalentTo(
            report.Agencies.Where(a => report.Cell(a.Agency.Code, kpi) is not null).Select(a => a.Agency.ShortName));
        input.Target!.Value.Should().Be(report.CommitmentOn(kpi).Value);
        input.Subtitle.Should().Be("Tháng 11/2026 · theo ngày");
        (png.Width, png.Height).Should().Be((1600, 650));
        Pixels(png, "#0b5cab").Should().BeGreaterThan(200, "the first agency's line");
        Pixels(png, "#8e24aa").Should().BeGreaterThan(200, "the second agency's line");
    }

    [Fact]
    public void InEnglishTheChartsSpeakEnglish()
    {
        var report = KnownReview.Build();

        var html = ReviewHtml.Write(report, english: true);
        var input = ReviewCharts.Input(report, report.Kpis[0], ReviewWords.English, english: true);

        html.Should().Contain("Appendix: trends of the commitments").And.Contain("<img src=\"data:image/png;base64,");
        input.Subtitle.Should().Be("November 2026 · per day");
        input.Lines.Select(l => l.Name).Should().OnlyContain(name => report.Agencies.Any(a => a.Agency.ShortNameEn == name));
    }

    private static int Pixels(SKBitmap bitmap, string hex)
    {
        var color = SKColor.Parse(hex);
        return bitmap.Pixels.Count(p => Math.Abs(p.Red - color.Red) + Math.Abs(p.Green - color.Green) + Math.Abs(p.Blue - color.Blue) <= 40);
    }

    private static void SavePage(byte[] pdf, int page)
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "IOC.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        var folder = Directory.CreateDirectory(Path.Combine(dir!, "artifacts", "charts")).FullName;
        var file = Path.Combine(folder, "review.pdf");
        File.WriteAllBytes(file, pdf);
        var start = new System.Diagnostics.ProcessStartInfo("pdftoppm", ["-png", "-r", "80", "-f", $"{page}", "-l", $"{page}", "-singlefile", file, Path.Combine(folder, "review-charts-page")]);
        using var process = System.Diagnostics.Process.Start(start)!;
        process.WaitForExit();
    }
}
