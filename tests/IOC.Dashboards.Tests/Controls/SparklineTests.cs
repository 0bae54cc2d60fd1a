using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Models;
using IOC.Dashboards.Tests.Rendering;
using IOC.Review.Reports;

namespace IOC.Dashboards.Tests.Controls;

public class SparklineTests
{
    private static readonly DateOnly Day = new(2026, 11, 1);

    [Fact]
    public void ADayWithoutDataBreaksTheLineInTwo()
    {
        var geometry = SparklineGeometry.From(Points(90, 95, null, 100, 100), target: 100);

        geometry.Lines.Should().HaveCount(2);
        geometry.Lines[0].Split(' ').Should().HaveCount(2);
        geometry.Lines[1].Split(' ').Should().HaveCount(2);
    }

    [Fact]
    public void TheScaleRunsFromBelowTheLowestValueOrTargetTo100()
    {
        // Values 90..100, target 95: bottom = min(90, 95) − 5 = 85, top = 100. Height 36, padding 3: y = 3 + (100 − v) × 30 / 15.
        var geometry = SparklineGeometry.From(Points(90, 100), target: 95);

        geometry.Lines.Single().Should().Be("3,23 157,3");
        geometry.TargetY!.Value.Should().BeApproximately(13, 1e-9);
        geometry.Last!.Value.X.Should().BeApproximately(157, 1e-9);
        geometry.Last!.Value.Y.Should().BeApproximately(3, 1e-9);
    }

    [Fact]
    public void NoDataDrawsNothing()
    {
        var geometry = SparklineGeometry.From(Points(null, null), target: 100);

        (geometry.Lines.Count, geometry.TargetY, geometry.Last).Should().Be((0, (double?)null, ((double, double)?)null));
    }

    [Fact]
    public async Task TheSvgSaysInWordsHowManyDaysHadDataAndFromWhatToWhat()
    {
        var html = await ComponentRenderer.RenderAsync<Sparkline>(Ui.Vietnamese, new Dictionary<string, object?>
        {
            ["Points"] = Points(92.5, null, 97),
            ["Target"] = 100.0,
        });

        var svg = html.QuerySelector("svg.sparkline")!;
        svg.GetAttribute("aria-label").Should().Be("Xu hướng theo ngày: 2 ngày có số liệu, từ 92,5% đến 97%");
        svg.GetAttribute("data-points").Should().Be("2");
        html.QuerySelectorAll("circle.spark-single").Should().HaveCount(2, "two lone days are dots, not lines");
        html.QuerySelector("line.spark-target").Should().NotBeNull();
    }

    private static IReadOnlyList<TrendPoint> Points(params double?[] values) =>
        values.Select((v, i) => new TrendPoint(Day.AddDays(i), v)).ToList();
}
