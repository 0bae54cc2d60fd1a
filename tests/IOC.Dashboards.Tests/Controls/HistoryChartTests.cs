using Bunit;
using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Models;
using IOC.Dashboards.Tests.Rendering;
using IOC.History.Queries;

namespace IOC.Dashboards.Tests.Controls;

public class HistoryChartTests : DashboardTest
{
    private static readonly DateTimeOffset Day = new(2026, 11, 17, 0, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public void EachLineIsNamedInAnHtmlLegendInThePagesLanguage()
    {
        var chart = new GroupChart("dossier", "1d",
        [
            Series("dossier.onlineRate", "Tỷ lệ hồ sơ trực tuyến", "Online dossiers", 40, null, 66.7),
            Series("dossier.onTimeRate", "Tỷ lệ giải quyết đúng hạn", "Completed on time", null, null, null),
        ]);

        var vi = Render<HistoryChart>(Ui.Vietnamese, new Dictionary<string, object?> { ["Chart"] = chart });
        var en = Render<HistoryChart>(Ui.English, new Dictionary<string, object?> { ["Chart"] = chart });

        vi.FindAll(".chart-legend li").Select(li => li.TextContent).Should().Equal("Tỷ lệ hồ sơ trực tuyến", "Tỷ lệ giải quyết đúng hạn");
        en.FindAll(".chart-legend li").Select(li => li.TextContent).Should().Equal("Online dossiers", "Completed on time");
        vi.Find(".chart-legend .swatch").GetAttribute("style").Should().Contain("#0b5cab");
    }

    private static HistorySeries Series(string id, string vi, string en, params double?[] values) =>
        new(new UnitRef("00082", "Phường Cửa Nam", "Cua Nam Ward", "ward"), new KpiRef(id, "dossier", "Rate", vi, en), Day, Day.AddDays(values.Length), "1d",
            values.Select((v, i) => new SeriesPoint(Day.AddDays(i), v, v, v is null ? 0 : 100)).ToList());
}
