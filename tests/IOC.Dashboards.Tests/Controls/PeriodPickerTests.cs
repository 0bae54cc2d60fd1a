using Bunit;
using Microsoft.AspNetCore.Components;
using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Tests.Rendering;
using IOC.Review.Periods;

namespace IOC.Dashboards.Tests.Controls;

public class PeriodPickerTests : DashboardTest
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    [Fact]
    public void TheCurrentMonthHasNoNextLinkAndItsKindsAroundToday()
    {
        var html = RenderWith(ReviewPeriod.MonthOf(Today), Ui.Vietnamese);

        html.Find("a[data-step='previous']").GetAttribute("href").Should().Be("review?period=month&value=2026-10&lang=vi");
        html.Find("a[data-step='previous']").TextContent.Should().Be("‹ Tháng 10/2026");
        html.FindAll("a[data-step='next']").Should().BeEmpty("December has not begun");
        html.Find("a[data-kind='quarter']").GetAttribute("href").Should().Be("review?period=quarter&value=2026-Q4&lang=vi");
        html.Find("a[data-kind='custom']").GetAttribute("href").Should().Be("review?period=custom&from=2026-11-01&to=2026-11-21&lang=vi");
        html.Find("a[data-kind='month']").GetAttribute("aria-current").Should().Be("true");
    }

    [Fact]
    public void AMonthPickerOffersEveryMonthSince2025NewestFirstInThePagesLanguage()
    {
        var html = RenderWith(ReviewPeriod.Month(2026, 3), Ui.English);

        var options = html.FindAll("form[data-form='month'] select[name='value'] option");
        options.Should().HaveCount(23, "January 2025 to November 2026");
        (options[0].GetAttribute("value"), options[0].TextContent).Should().Be(("2026-11", "November 2026"));
        options.Single(o => o.HasAttribute("selected")).GetAttribute("value").Should().Be("2026-03");
        html.Find("a[data-step='next']").GetAttribute("href").Should().Be("review?period=month&value=2026-04&lang=en");
    }

    [Fact]
    public void AQuarterOffersOnlyQuartersThatHaveBegunAndKeepsTheFilter()
    {
        var html = RenderWith(ReviewPeriod.Quarter(2025, 2), Ui.Vietnamese, [("band", "weak")]);

        html.FindAll("form[data-form='quarter'] option").Select(o => o.GetAttribute("value"))
            .Should().Equal("2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4", "2025-Q3", "2025-Q2", "2025-Q1");
        html.Find("form input[name='band']").GetAttribute("value").Should().Be("weak");
        html.Find("a[data-step='next']").GetAttribute("href").Should().Be("review?period=quarter&value=2025-Q3&band=weak&lang=vi");
        html.Find("a[data-kind='month']").GetAttribute("href").Should().StartWith("review?period=month&value=2025-04");
    }

    [Fact]
    public void ACustomPeriodHasDateInputsWithItsDays()
    {
        ReviewPeriod.TryParse("custom", null, "2026-10-05", "2026-11-04", Today, out var period, out _);

        var html = RenderWith(period, Ui.Vietnamese);

        html.Find("form[data-form='custom'] input[name='from']").GetAttribute("value").Should().Be("05/10/2026");
        html.Find("form[data-form='custom'] input[name='to']").GetAttribute("value").Should().Be("04/11/2026");
        html.Find("a[data-step='previous']").GetAttribute("href").Should().Be("review?period=custom&from=2026-09-04&to=2026-10-04&lang=vi");
    }

    private IRenderedComponent<IComponent> RenderWith(ReviewPeriod period, Ui ui, IReadOnlyList<(string, string)>? keep = null) =>
        Render<PeriodPicker>(ui, new Dictionary<string, object?>
        {
            ["Period"] = period,
            ["Today"] = Today,
            ["Path"] = "review",
            ["Keep"] = keep ?? [],
        });
}
