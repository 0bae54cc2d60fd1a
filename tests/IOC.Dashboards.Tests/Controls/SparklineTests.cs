using Bunit;
using Microsoft.AspNetCore.Components;
using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Tests.Rendering;
using IOC.Review.Periods;
using IOC.Review.Reports;

namespace IOC.Dashboards.Tests.Controls;

public class SparklineTests : DashboardTest
{
    private static readonly DateOnly Day = new(2026, 11, 1);

    [Fact]
    public void TheSvgSaysInWordsHowManyDaysHadDataAndDrawsLoneDaysAsDots()
    {
        var html = RenderWith(ReviewPeriod.Month(2026, 11), Ui.Vietnamese, 92.5, null, 97);

        var svg = html.Find("svg.sparkline");
        svg.GetAttribute("aria-label").Should().Be("Xu hướng theo ngày: 2 ngày có số liệu, từ 92,5% đến 97%");
        svg.GetAttribute("data-points").Should().Be("2");
        html.FindAll("circle.spark-single").Should().HaveCount(2, "two lone days are dots, not lines");
        html.Find("line.spark-target").GetAttribute("y1").Should().Be("3", "the 100% target is the top of a 90–100 scale");
        html.Find("circle.spark-last").GetAttribute("cx").Should().Be("157", "the last day read sits at the right end of the 160-wide box");
    }

    [Fact]
    public void ThreeDaysIntoAMonthTheTrendSpansTheWholeSparkline()
    {
        var html = RenderWith(ReviewPeriod.Month(2026, 11), Ui.Vietnamese, 92, 94, 96);

        var xs = html.Find("polyline.spark-line").GetAttribute("points")!.Split(' ').Select(p => p.Split(',')[0]).ToList();
        xs.Should().Equal("3", "80", "157");
    }

    [Fact]
    public void AYearSaysMonthsInEnglishAndConnectsConsecutiveMonths()
    {
        var html = RenderWith(ReviewPeriod.Year(2026), Ui.English, 80, 85, 90);

        html.Find("svg.sparkline").GetAttribute("aria-label").Should().Be("Monthly trend: 3 months with data, from 80% to 90%");
        html.FindAll("polyline.spark-line").Should().ContainSingle();
    }

    private IRenderedComponent<IComponent> RenderWith(ReviewPeriod period, Ui ui, params double?[] values) =>
        Render<Sparkline>(ui, new Dictionary<string, object?>
        {
            ["Points"] = values.Select((v, i) => new TrendPoint(period.MonthlyTrend ? Day.AddMonths(i - 10) : Day.AddDays(i), v)).ToList(),
            ["Period"] = period,
            ["Target"] = 100.0,
        });
}
