using Bunit;
using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Models;
using IOC.Dashboards.Tests.Rendering;
using IOC.Domain.Kpis;
using IOC.Tests.Shared;

namespace IOC.Dashboards.Tests.Controls;

/// <summary>The wallboard's period switch and the words that follow the period shown.</summary>
public sealed class PeriodSwitchTests : DashboardTest
{
    [Fact]
    public void TheSwitchOffersTheFourPeriodsInOrderAndMarksTheOneShown()
    {
        var html = Render<PeriodSwitch>(Ui.Vietnamese, p => p
            .Add(c => c.Current, KpiWindow.MonthToDate)
            .Add(c => c.Link, w => $"?period={w.ToWire()}&lang=vi"));

        var links = html.FindAll("a.period-link");
        links.Select(a => a.TextContent).Should().Equal("Hôm nay", "7 ngày", "Từ đầu tháng", "Từ đầu năm");
        links.Select(a => a.GetAttribute("href")).Should().Equal("?period=today&lang=vi", "?period=7d&lang=vi", "?period=mtd&lang=vi", "?period=ytd&lang=vi");
        links.Where(a => a.GetAttribute("aria-current") == "true").Select(a => a.GetAttribute("data-period")).Should().Equal("mtd");
        html.Find("nav").GetAttribute("aria-label").Should().Be("Số liệu của");
    }

    [Fact]
    public void InEnglishThePeriodsAreNamedInEnglish()
    {
        var html = Render<PeriodSwitch>(Ui.English, p => p.Add(c => c.Current, KpiWindow.Today).Add(c => c.Link, w => w.ToWire()));

        html.FindAll("a.period-link").Select(a => a.TextContent).Should().Equal("Today", "7 days", "Month to date", "Year to date");
    }

    [Fact]
    public void AnUnknownPeriodFallsBackAndTheLastHourIsNotAWallboardPeriod()
    {
        WallboardPeriod.Parse("ytd", KpiWindow.Today).Should().Be(KpiWindow.YearToDate);
        WallboardPeriod.Parse("quarter", KpiWindow.MonthToDate).Should().Be(KpiWindow.MonthToDate);
        WallboardPeriod.Parse("60m", KpiWindow.Today).Should().Be(KpiWindow.Today);
        WallboardPeriod.IsChoice("7d").Should().BeTrue();
        WallboardPeriod.IsChoice("60m").Should().BeFalse();
    }

    [Fact]
    public void TheWeakestWardsSentencesSayThePeriodTheRankingIsOf()
    {
        Seed.Units.TryGetWard("00082", out var cuaNam);
        var ranking = new WardRanking("dossier.onTimeRate", [new WardRow(1, cuaNam, Figures.Rate(71.43, 5, 7, 100, status: "missed"))],
            WithoutData: 100, MinimumVolume: 5, BelowVolume: 3, Judged: 23, FallingShort: 1);

        var vi = Render<WeakestWards>(Ui.Vietnamese, p => p.Add(c => c.Ranking, ranking).Add(c => c.Window, KpiWindow.MonthToDate));
        var en = Render<WeakestWards>(Ui.English, p => p.Add(c => c.Ranking, ranking).Add(c => c.Window, KpiWindow.Last7Days));

        vi.Find(".rank-rule").TextContent.Should().Be("Chỉ gồm phường, xã chưa đạt hoặc gần đạt chỉ tiêu, có từ 5 hồ sơ đã giải quyết trở lên từ đầu tháng; tối đa 10, kém nhất trước.");
        vi.FindAll(".note").Select(n => n.TextContent).Should().Contain("100 phường, xã chưa có dữ liệu cho chỉ số này từ đầu tháng");
        en.Find(".rank-rule").TextContent.Should().Contain("at least 5 completed dossiers in the last 7 days");
    }
}
