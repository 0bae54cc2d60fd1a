using Bunit;
using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Models;
using IOC.Dashboards.Tests.Rendering;
using IOC.Domain.Units;
using IOC.Live.KpiViews;
using IOC.Tests.Shared;

namespace IOC.Dashboards.Tests.Controls;

public class WallboardControlsTests : DashboardTest
{
    [Fact]
    public void OverdueCountsAboveZeroStandOutAsAlertsAndZeroShowsClear()
    {
        var html = Render<ActionPanel>(Ui.Vietnamese, new Dictionary<string, object?>
        {
            ["Counts"] = new ActionCounts(OverdueDossiers: 1234, DueSoonDossiers: 7, OverdueTickets: 0),
        });

        var dossiers = html.Find("[data-action=overdue-dossiers]");
        dossiers.ClassList.Should().Contain("action-alert");
        dossiers.QuerySelector(".action-count")!.TextContent.Should().Be("1.234");
        dossiers.QuerySelector(".action-icon")!.TextContent.Should().Be("⚠");
        html.Find("[data-action=due-soon]").ClassList.Should().Contain("action-warn");
        var tickets = html.Find("[data-action=overdue-tickets]");
        tickets.ClassList.Should().Contain("action-clear");
        tickets.QuerySelector(".action-label")!.TextContent.Should().Be("PAKN quá hạn");
    }

    [Fact]
    public void TheRankingTableListsWardsInRankOrderWithTheChosenKpiSelected()
    {
        Seed.Units.TryGetWard("00082", out var cuaNam);
        Seed.Units.TryGetWard("00004", out var baDinh);
        var ranking = new WardRanking("dossier.onlineRate",
        [
            new WardRow(1, baDinh, Figures.Rate(12.5, 1, 8, 60, status: "missed")),
            new WardRow(2, cuaNam, Figures.Rate(57.1, 4, 7, 60, status: "near")),
        ], WithoutData: 3);

        var html = Render<WeakestWards>(Ui.Vietnamese, new Dictionary<string, object?> { ["Ranking"] = ranking });

        var rows = html.FindAll("tbody tr");
        rows.Select(r => r.GetAttribute("data-ward")).Should().Equal("00004", "00082");
        rows[0].QuerySelector("th")!.TextContent.Should().Be(baDinh.Name);
        rows[0].QuerySelector("th a.ward-link")!.GetAttribute("href").Should().Be("wards/00004?lang=vi");
        rows[0].QuerySelector(".value")!.TextContent.Should().Be("12,5%");
        rows[1].QuerySelector(".status-text")!.TextContent.Should().Be("Gần đạt");
        html.Find("select#rank-kpi option[selected]").GetAttribute("value").Should().Be("dossier.onlineRate");
        html.Find("label[for=rank-kpi]").TextContent.Should().Be("Chọn chỉ số xếp hạng");
        html.Find(".note").TextContent.Should().Be("3 phường, xã chưa có dữ liệu cho chỉ số này hôm nay");
    }

    [Fact]
    public void AnEmptyRankingSaysSoInsteadOfAnEmptyTable()
    {
        var html = Render<WeakestWards>(Ui.English, new Dictionary<string, object?>
        {
            ["Ranking"] = new WardRanking("dossier.onTimeRate", [], WithoutData: 126),
        });

        html.FindAll("table").Should().BeEmpty();
        html.Find(".empty").TextContent.Should().Be("No ward has data for this KPI today yet.");
    }

    [Fact]
    public void AnAgencyCardListsOnlyTheKpisItIsHeldToAndShowsItsWorstStatus()
    {
        Seed.Units.TryGetAgency("VPTU", out var office);
        var kpis = new UnitKpis("VPTU", office.Name, office.NameEn, "agency", "today", DateTimeOffset.UnixEpoch, new Dictionary<string, KpiFigure>
        {
            ["document.digitalRate"] = Figures.Rate(97.5, 39, 40, 100, status: "near"),
            ["dossier.onTimeRate"] = Figures.Rate(100, 5, 5, 100, status: "met"),
            ["dossier.overduePending"] = Figures.Count(0, 0, status: "met"),
            ["hotline.answerRate"] = Figures.Rate(50, 1, 2),
        });

        var card = AgencyCard.From(office, kpis, Seed.Targets);
        var html = Render<AgencyStrip>(Ui.Vietnamese, new Dictionary<string, object?> { ["Cards"] = new[] { card } });

        card.Commitments.Select(c => c.Kpi.Id).Should().BeEquivalentTo("document.digitalRate", "dossier.onTimeRate", "dossier.overduePending");
        card.WorstStatus.Should().Be("near");
        var article = html.Find("[data-agency=VPTU]");
        article.ClassList.Should().Contain("status-near");
        article.QuerySelector("h3")!.TextContent.Should().Be("Văn phòng Thành ủy");
        article.QuerySelector("[data-kpi='document.digitalRate'] .agency-value")!.TextContent.Should().Be("97,5%");
    }
}
