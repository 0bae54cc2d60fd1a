using Bunit;
using Microsoft.AspNetCore.Components;
using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Tests.Rendering;
using IOC.History.Queries;
using IOC.Tests.Shared;

namespace IOC.Dashboards.Tests.Controls;

public class WardControlsTests : DashboardTest
{
    private static readonly DateTimeOffset Now = new(2025, 7, 10, 9, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public void ARateThatRoseAgainstAnAtLeastTargetShowsAnUpArrowPointsAndBetter()
    {
        var kpi = Rate("dossier.onTimeRate", value: 96.5, previous: 94, change: 2.5, direction: ">=");

        var html = Render<ChangeArrow>(Ui.Vietnamese, new Dictionary<string, object?> { ["Kpi"] = kpi });

        var change = html.Find(".change");
        change.ClassList.Should().Contain(["change-up", "better"]);
        change.QuerySelector(".change-arrow")!.TextContent.Should().Be("▲");
        change.QuerySelector(".change-text")!.TextContent.Should().Be("Tăng 2,5 điểm %, tốt hơn");
        change.QuerySelector(".change-was")!.TextContent.Should().Be("(kỳ trước 94%)");
    }

    [Fact]
    public void ARateThatRoseAgainstAnAtMostTargetIsWorseInEnglishToo()
    {
        var kpi = Rate("hotline.abandonmentRate", value: 8, previous: 5, change: 3, direction: "<=");

        var html = Render<ChangeArrow>(Ui.English, new Dictionary<string, object?> { ["Kpi"] = kpi });

        var change = html.Find(".change");
        change.ClassList.Should().Contain("worse");
        change.QuerySelector(".change-text")!.TextContent.Should().Be("Up 3 pts, worse");
    }

    [Fact]
    public void ACountThatFellWithoutATargetShowsADownArrowAndTheAmountOnly()
    {
        var kpi = new KpiSummary("dossier.received", "dossier", "Count", "Hồ sơ tiếp nhận", "Dossiers received", false,
            new Figure(1200, 1200, null), null, "none", new Figure(1500, 1500, null), -300, new Figure(90000, 90000, null));

        var html = Render<ChangeArrow>(Ui.Vietnamese, new Dictionary<string, object?> { ["Kpi"] = kpi });

        html.Find(".change-arrow").TextContent.Should().Be("▼");
        html.Find(".change-text").TextContent.Should().Be("Giảm 300");
        html.Find(".change").ClassList.Should().NotContain(["better", "worse"]);
    }

    [Fact]
    public void NoPreviousFigureSaysSoInsteadOfAnArrow()
    {
        var kpi = Rate("dossier.onTimeRate", value: 96.5, previous: null, change: null, direction: ">=");

        var html = Render<ChangeArrow>(Ui.Vietnamese, new Dictionary<string, object?> { ["Kpi"] = kpi });

        html.Find(".change-none").TextContent.Should().Be("Kỳ trước chưa có số liệu");
        html.FindAll(".change-arrow").Should().BeEmpty();
    }

    [Fact]
    public void TheKpiTableShowsValueTargetStatusCityAndChange()
    {
        var kpi = Rate("dossier.onTimeRate", value: 96.5, previous: 94, change: 2.5, direction: ">=");

        var html = Render<KpiGroupTable>(Ui.Vietnamese, new Dictionary<string, object?> { ["Group"] = "dossier", ["Kpis"] = new[] { kpi } });

        var row = html.Find("tr[data-kpi='dossier.onTimeRate']");
        html.Find("caption").TextContent.Should().Be("Hồ sơ thủ tục hành chính");
        row.QuerySelector(".kpi-value")!.TextContent.Should().Contain("96,5%");
        row.QuerySelector(".kpi-target")!.TextContent.Should().Be("≥ 95%");
        row.QuerySelector(".status-text")!.TextContent.Should().Be("Đạt");
        row.QuerySelector(".kpi-city")!.TextContent.Should().Be("90%");
    }

    [Fact]
    public void TheOpenDossierListIsSortedByDueDateByDefault()
    {
        var html = Render<OpenDossierTable>(Ui.Vietnamese, new Dictionary<string, object?> { ["List"] = OpenList() });

        Ids(html).Should().Equal("D-2", "D-3", "D-1");
        html.Find("th[aria-sort=ascending] button").GetAttribute("data-sort").Should().Be("due");
        html.FindAll("th[aria-sort=none]").Should().HaveCount(4);
        html.Find("tr[data-id='D-2'] td.num").TextContent.Should().Be("3");
        html.Find("tr[data-id='D-1'] td.num").TextContent.Should().Be("Sắp đến hạn");
    }

    [Fact]
    public void TheOpenDossierListSortsByDaysLateDescendingOrByProcedure()
    {
        var byLate = Render<OpenDossierTable>(Ui.Vietnamese, new Dictionary<string, object?>
        {
            ["List"] = OpenList(), ["Sort"] = "daysLate", ["Descending"] = true,
        });
        var byProcedure = Render<OpenDossierTable>(Ui.English, new Dictionary<string, object?>
        {
            ["List"] = OpenList(), ["Sort"] = "procedure",
        });

        Ids(byLate).Should().Equal("D-2", "D-3", "D-1");
        byLate.Find("th[aria-sort=descending] button").GetAttribute("data-sort").Should().Be("daysLate");
        Ids(byProcedure).Should().Equal("D-3", "D-1", "D-2");
    }

    [Fact]
    public void TheWardPickerListsMatchesForAQueryWithoutDiacritics()
    {
        var html = Render<WardPicker>(Ui.Vietnamese, new Dictionary<string, object?>
        {
            ["Wards"] = Seed.Units.Wards, ["Query"] = "cua nam", ["LinkQuery"] = "?range=7d",
        });

        var first = html.Find(".ward-matches a");
        first.TextContent.Should().Contain("Cửa Nam");
        first.GetAttribute("href").Should().Be("wards/00082?range=7d");
    }

    private static string?[] Ids(IRenderedComponent<IComponent> html) => [.. html.FindAll("tbody tr").Select(r => r.GetAttribute("data-id"))];

    private static KpiSummary Rate(string id, double value, double? previous, double? change, string direction) =>
        new(id, id.Split('.')[0], "Rate", "Tỷ lệ", "Rate", false, new Figure(value, value, 100),
            new TargetRef(direction, direction == "<=" ? 10 : 95, "day"), value >= 95 ? "met" : "missed",
            previous is { } p ? new Figure(p, p, 100) : null, change, new Figure(90, 90, 100));

    private static OpenDossierList OpenList()
    {
        OpenDossierItem Item(string id, string procedure, double hoursLate, string status) => new(
            id, procedure, "online", Now.AddDays(-10), Now.AddHours(-hoursLate), Math.Max(0, hoursLate), (int)Math.Ceiling(Math.Max(0, hoursLate) / 24), status);
        return new OpenDossierList(new IOC.History.Queries.UnitRef("00082", "Phường Cửa Nam", "Cua Nam Ward", "ward"), Now, 2, 1,
        [
            Item("D-1", "1.000002", -5, "dueSoon"),
            Item("D-2", "1.000003", 60, "overdue"),
            Item("D-3", "1.000001", 2, "overdue"),
        ]);
    }
}
