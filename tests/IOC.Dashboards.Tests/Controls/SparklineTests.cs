using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Tests.Rendering;
using IOC.Review.Periods;
using IOC.Review.Reports;

namespace IOC.Dashboards.Tests.Controls;

public class SparklineTests
{
    private static readonly DateOnly Day = new(2026, 11, 1);

    [Fact]
    public async Task TheSvgSaysInWordsHowManyDaysHadDataAndDrawsLoneDaysAsDots()
    {
        var html = await RenderAsync(ReviewPeriod.Month(2026, 11), Ui.Vietnamese, 92.5, null, 97);

        var svg = html.QuerySelector("svg.sparkline")!;
        svg.GetAttribute("aria-label").Should().Be("Xu hướng theo ngày: 2 ngày có số liệu, từ 92,5% đến 97%");
        svg.GetAttribute("data-points").Should().Be("2");
        html.QuerySelectorAll("circle.spark-single").Should().HaveCount(2, "two lone days are dots, not lines");
        html.QuerySelector("line.spark-target")!.GetAttribute("y1").Should().Be("3", "the 100% target is the top of a 90–100 scale");
        html.QuerySelector("circle.spark-last")!.GetAttribute("cx").Should().Be("157", "the last day read sits at the right end of the 160-wide box");
    }

    [Fact]
    public async Task ThreeDaysIntoAMonthTheTrendSpansTheWholeSparkline()
    {
        var html = await RenderAsync(ReviewPeriod.Month(2026, 11), Ui.Vietnamese, 92, 94, 96);

        var xs = html.QuerySelector("polyline.spark-line")!.GetAttribute("points")!.Split(' ').Select(p => p.Split(',')[0]).ToList();
        xs.Should().Equal("3", "80", "157");
    }

    [Fact]
    public async Task AYearSaysMonthsInEnglishAndConnectsConsecutiveMonths()
    {
        var html = await RenderAsync(ReviewPeriod.Year(2026), Ui.English, 80, 85, 90);

        html.QuerySelector("svg.sparkline")!.GetAttribute("aria-label").Should().Be("Monthly trend: 3 months with data, from 80% to 90%");
        html.QuerySelectorAll("polyline.spark-line").Should().ContainSingle();
    }

    private static Task<AngleSharp.Dom.IDocument> RenderAsync(ReviewPeriod period, Ui ui, params double?[] values) =>
        ComponentRenderer.RenderAsync<Sparkline>(ui, new Dictionary<string, object?>
        {
            ["Points"] = values.Select((v, i) => new TrendPoint(period.MonthlyTrend ? Day.AddMonths(i - 10) : Day.AddDays(i), v)).ToList(),
            ["Period"] = period,
            ["Target"] = 100.0,
        });
}
