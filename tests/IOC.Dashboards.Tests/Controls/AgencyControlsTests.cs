using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Models;
using IOC.Dashboards.Tests.Rendering;
using IOC.History.Queries;
using IOC.Live.KpiViews;
using IOC.Tests.Shared;

namespace IOC.Dashboards.Tests.Controls;

public class AgencyControlsTests
{
    [Fact]
    public async Task AnAgencyCardOnTheWallboardLinksToTheAgencyPageInTheSameLanguage()
    {
        Seed.Units.TryGetAgency("VPUBND", out var office);
        var kpis = new UnitKpis("VPUBND", office.Name, office.NameEn, "agency", "today", DateTimeOffset.UnixEpoch, new Dictionary<string, KpiFigure>
        {
            ["document.digitalRate"] = Figures.Rate(100, 4, 4, 100, status: "met"),
        });

        var html = await ComponentRenderer.RenderAsync<AgencyStrip>(Ui.English, new Dictionary<string, object?>
        {
            ["Cards"] = new[] { AgencyCard.From(office, kpis, Seed.Targets) },
        });

        var link = html.QuerySelector("[data-agency=VPUBND] h3 a.agency-link")!;
        link.GetAttribute("href").Should().Be("agencies/VPUBND?lang=en");
        link.TextContent.Should().Be("People's Committee Office");
        link.GetAttribute("title").Should().Be("Open Hanoi People's Committee Office");
    }

    [Fact]
    public async Task TheAgencyLinksListTheFourAgenciesAndMarkTheOneShown()
    {
        var html = await ComponentRenderer.RenderAsync<AgencyLinks>(Ui.Vietnamese, new Dictionary<string, object?>
        {
            ["Agencies"] = Seed.Units.Agencies, ["Current"] = "TTPVHCC", ["LinkQuery"] = "?range=7d&lang=vi",
        });

        var links = html.QuerySelectorAll(".agency-links a");
        links.Select(a => a.GetAttribute("data-agency")).Should().Equal("VPTU", "VPDDBQH-HDND", "VPUBND", "TTPVHCC");
        html.QuerySelector("a[aria-current=page]")!.GetAttribute("href").Should().Be("agencies/TTPVHCC?range=7d&lang=vi");
        html.QuerySelector("a[aria-current=page]")!.TextContent.Should().Be("Trung tâm Phục vụ HCC");
        html.QuerySelectorAll("a[aria-current]").Should().HaveCount(1);
    }

    [Fact]
    public async Task TheDocumentGroupTableAndChartAreNamedInBothLanguages()
    {
        var kpi = new KpiSummary("document.digitalRate", "document", "Rate", "Tỷ lệ văn bản xử lý trên môi trường số", "Documents processed digitally", false,
            new Figure(37.5, 3, 8), new TargetRef(">=", 100, "year"), "missed", new Figure(50, 1, 2), -12.5, new Figure(90, 90, 100));
        var chart = new GroupChart("document", "1d", []);

        var vi = await ComponentRenderer.RenderAsync<KpiGroupTable>(Ui.Vietnamese, new Dictionary<string, object?> { ["Group"] = "document", ["Kpis"] = new[] { kpi } });
        var en = await ComponentRenderer.RenderAsync<HistoryChart>(Ui.English, new Dictionary<string, object?> { ["Chart"] = chart });

        vi.QuerySelector("caption")!.TextContent.Should().Be("Văn bản, hồ sơ công việc");
        vi.QuerySelector("tr[data-kpi='document.digitalRate'] .kpi-value")!.TextContent.Should().Contain("37,5%").And.Contain("3 / 8");
        vi.QuerySelector("tr[data-kpi='document.digitalRate'] .kpi-target")!.TextContent.Should().Be("≥ 100%");
        vi.QuerySelector("tr[data-kpi='document.digitalRate'] .change-text")!.TextContent.Should().Be("Giảm 12,5 điểm %, kém hơn");
        en.QuerySelector("figcaption")!.TextContent.Should().Be("Documents and work files · per day");
    }
}
