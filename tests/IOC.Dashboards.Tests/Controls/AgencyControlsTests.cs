using Bunit;
using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Models;
using IOC.Dashboards.Tests.Rendering;
using IOC.History.Queries;
using IOC.Live.KpiViews;
using IOC.Tests.Shared;

namespace IOC.Dashboards.Tests.Controls;

public class AgencyControlsTests : DashboardTest
{
    [Fact]
    public void AnAgencyCardOnTheWallboardLinksToTheAgencyPageInTheSameLanguage()
    {
        Seed.Units.TryGetAgency("VPUBND", out var office);
        var kpis = new UnitKpis("VPUBND", office.Name, office.NameEn, "agency", "today", DateTimeOffset.UnixEpoch, new Dictionary<string, KpiFigure>
        {
            ["document.digitalRate"] = Figures.Rate(100, 4, 4, 100, status: "met"),
        });

        var html = Render<AgencyStrip>(Ui.English, new Dictionary<string, object?>
        {
            ["Cards"] = new[] { AgencyCard.From(office, kpis, Seed.Targets) },
        });

        var link = html.Find("[data-agency=VPUBND] h3 a.agency-link");
        link.GetAttribute("href").Should().Be("agencies/VPUBND?lang=en");
        link.TextContent.Should().Be("People's Committee Office");
        link.GetAttribute("title").Should().Be("Open Hanoi People's Committee Office");
    }

    [Fact]
    public void TheAgencyLinksListTheFourAgenciesAndMarkTheOneShown()
    {
        var html = Render<AgencyLinks>(Ui.Vietnamese, new Dictionary<string, object?>
        {
            ["Agencies"] = Seed.Units.Agencies, ["Current"] = "TTPVHCC", ["LinkQuery"] = "?range=7d&lang=vi",
        });

        var links = html.FindAll(".agency-links a");
        links.Select(a => a.GetAttribute("data-agency")).Should().Equal("VPTU", "VPDDBQH-HDND", "VPUBND", "TTPVHCC");
        html.Find("a[aria-current=page]").GetAttribute("href").Should().Be("agencies/TTPVHCC?range=7d&lang=vi");
        html.Find("a[aria-current=page]").TextContent.Should().Be("Trung tâm Phục vụ HCC");
        html.FindAll("a[aria-current]").Should().HaveCount(1);
    }

    [Fact]
    public void TheDocumentGroupTableAndChartAreNamedInBothLanguages()
    {
        var kpi = new KpiSummary("document.digitalRate", "document", "Rate", "Tỷ lệ văn bản xử lý trên môi trường số", "Documents processed digitally", false,
            new Figure(37.5, 3, 8), new TargetRef(">=", 100, "year"), "missed", new Figure(50, 1, 2), -12.5, new Figure(90, 90, 100));
        var chart = new GroupChart("document", "1d", []);

        var vi = Render<KpiGroupTable>(Ui.Vietnamese, new Dictionary<string, object?> { ["Group"] = "document", ["Kpis"] = new[] { kpi } });
        var en = Render<HistoryChart>(Ui.English, new Dictionary<string, object?> { ["Chart"] = chart });

        vi.Find("caption").TextContent.Should().Be("Văn bản, hồ sơ công việc");
        vi.Find("tr[data-kpi='document.digitalRate'] .kpi-value").TextContent.Should().Contain("37,5%").And.Contain("3 / 8");
        vi.Find("tr[data-kpi='document.digitalRate'] .kpi-target").TextContent.Should().Be("≥ 100%");
        vi.Find("tr[data-kpi='document.digitalRate'] .change-text").TextContent.Should().Be("Giảm 12,5 điểm %, kém hơn");
        en.Find("figcaption").TextContent.Should().Be("Documents and work files · per day");
    }
}
