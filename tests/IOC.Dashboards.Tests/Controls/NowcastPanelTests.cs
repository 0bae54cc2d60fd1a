using Bunit;
using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Tests.Rendering;
using IOC.Domain.Calendar;
using IOC.Domain.Kpis;
using IOC.Domain.Nowcast;
using IOC.Domain.Seed;
using IOC.Domain.Targets;
using IOC.Domain.Units;
using IOC.Tests.Shared;

namespace IOC.Dashboards.Tests.Controls;

/// <summary>
/// The nowcast of the ward and agency pages against a hand-computed December 2026. Today is Thursday 3 December; the
/// 28 days before it (5 November – 2 December) hold 20 working days and 8 weekend days (no holiday in the seed
/// calendar). Each November working day received 10 dossiers, 1 of them full-process online; 1 and 2 December received
/// 10 each with 4 and 5 full-process online; today so far 4 with none; weekends nothing. 4–31 December leave 20
/// working days and 8 weekend days.
/// </summary>
public sealed class NowcastPanelTests : DashboardTest
{
    private const string FullProcess = "dossier.fullProcessOnlineRate";
    private static readonly DateOnly Today = new(2026, 12, 3);
    private static readonly WorkingCalendar Calendar = HolidayFile.Load(SeedData.Locate());
    private static readonly UnitKey CuaNam = new(UnitLevel.Ward, "00082");

    [Fact]
    public void AMonthlyTargetSaysWhereTheMonthEndsAndWhatItTakesInTheIssuesOwnWords()
    {
        var nowcasts = KpiNowcast.Of(CuaNam, December(), Today, Monthly(20), Calendar);

        var html = Render<NowcastPanel>(Ui.Vietnamese, p => p.Add(c => c.Nowcasts, nowcasts));

        // Usual working day: 200 dossiers / 20 days = 10, (18 + 4 + 5) / 20 = 1.35 full process. So far 9/24; the rest
        // of today 6 × 0.135 = 0.81; 20 working days 27 of 200. Projected 36.81 / 230 = 16.0%. 20% of 230 = 46: 37 more,
        // over 21 working days (today's rest included) 1.8 a day, "about 2".
        var line = html.Find($"[data-kpi='{FullProcess}'] [data-horizon='month']");
        line.GetAttribute("data-status").Should().Be("near");
        line.QuerySelector(".nowcast-projection")!.TextContent.Should().Contain("Dự báo cuối tháng 12: 16% (chỉ tiêu 20%): có nguy cơ không đạt.");
        line.QuerySelector(".nowcast-needed")!.TextContent.Should()
            .Be("Cần thêm 37 hồ sơ trực tuyến toàn trình (khoảng 2 hồ sơ mỗi ngày làm việc) để đạt 20% trong tháng 12.");
        html.FindAll("[data-kpi]").Should().HaveCount(1, "only the one rate has a target here");
    }

    [Fact]
    public void TheEnglishSwitchSaysTheSameInEnglishWithEnglishNumbers()
    {
        var nowcasts = KpiNowcast.Of(CuaNam, December(), Today, Monthly(20), Calendar);

        var html = Render<NowcastPanel>(Ui.English, p => p.Add(c => c.Nowcasts, nowcasts));

        html.Find("#nowcast-title").TextContent.Should().Be("Where the month and the year will end");
        var line = html.Find($"[data-kpi='{FullProcess}'] [data-horizon='month']");
        line.QuerySelector(".nowcast-projection")!.TextContent.Should().Contain("Projected for the end of December: 16% (target 20%): at risk of missing.");
        line.QuerySelector(".nowcast-needed")!.TextContent.Should().StartWith("37 more ").And.Contain("about 2 ").And.EndWith("to reach 20% in December.");
    }

    [Fact]
    public void AYearlyTargetIsProjectedToTheMonthsEndAndTheYearsWithThousandsInVietnameseStyle()
    {
        // The seed's ward target for full-process online is ≥ 20% a year. Year so far: November's 18/180 + 9/20 + 0/4 =
        // 27/204; the rest as for the month (27.81 of 206): 54.81 / 410 = 13.4%. 20% of 410 = 82: 55 more, 2.6 a day.
        var nowcasts = KpiNowcast.Of(CuaNam, December(), Today, Seed.Targets, Calendar).Where(n => n.Kpi.Id == FullProcess).ToList();

        var html = Render<NowcastPanel>(Ui.Vietnamese, p => p.Add(c => c.Nowcasts, nowcasts));

        html.FindAll($"[data-kpi='{FullProcess}'] [data-horizon]").Select(l => l.GetAttribute("data-horizon")).Should().Equal("month", "year");
        var year = html.Find($"[data-kpi='{FullProcess}'] [data-horizon='year']");
        year.QuerySelector(".nowcast-projection")!.TextContent.Should().Contain("Dự báo cuối năm 2026: 13,4% (chỉ tiêu 20%): có nguy cơ không đạt.");
        year.QuerySelector(".nowcast-needed")!.TextContent.Should()
            .Be("Cần thêm 55 hồ sơ trực tuyến toàn trình (khoảng 3 hồ sơ mỗi ngày làm việc) để đạt 20% trong năm 2026.");
    }

    [Fact]
    public void RatesWithoutThreeDaysOfFiguresAreNamedOnOneLineInsteadOfACardEach()
    {
        var days = new Dictionary<DateOnly, CounterSet> { [Today] = Dossiers(4, 0) };

        var nowcasts = KpiNowcast.Of(CuaNam, days, Today, Seed.Targets, Calendar);
        var html = Render<NowcastPanel>(Ui.Vietnamese, p => p.Add(c => c.Nowcasts, nowcasts));

        html.FindAll(".nowcast-card").Should().BeEmpty();
        html.Find("[data-insufficient]").TextContent.Should()
            .StartWith("Chưa đủ số liệu để dự báo: Tỷ lệ hồ sơ trực tuyến, Tỷ lệ hồ sơ trực tuyến toàn trình")
            .And.EndWith("(cần ít nhất 3 ngày có số liệu).");
    }

    [Fact]
    public void AUnitWithoutMonthlyOrYearlyTargetsShowsNoNowcast()
    {
        var html = Render<NowcastPanel>(Ui.Vietnamese, p => p.Add(c => c.Nowcasts, Array.Empty<KpiNowcast>()));

        html.FindAll("[data-nowcast]").Should().BeEmpty();
    }

    private static TargetCatalog Monthly(double value) =>
        new([new Target(FullProcess, UnitLevel.Ward, null, TargetDirection.AtLeast, value, "month", "Chỉ tiêu tháng", "Monthly target")]);

    private static Dictionary<DateOnly, CounterSet> December()
    {
        var days = new Dictionary<DateOnly, CounterSet>();
        for (var day = Today.AddDays(-Nowcaster.PatternDays); day < Today; day = day.AddDays(1))
        {
            if (Calendar.IsWorkingDay(day))
            {
                days[day] = day == new DateOnly(2026, 12, 1) ? Dossiers(10, 4) : day == new DateOnly(2026, 12, 2) ? Dossiers(10, 5) : Dossiers(10, 1);
            }
        }

        days[Today] = Dossiers(4, 0);
        return days;
    }

    private static CounterSet Dossiers(long received, long fullProcess)
    {
        var counters = default(CounterSet);
        counters[Counter.DossiersReceived] = received;
        counters[Counter.DossiersReceivedFullProcess] = fullProcess;
        return counters;
    }
}

/// <summary>
/// The review's cells: an agency's on-time commitment (≥ 100%) while December 2026 runs, hand-computed. November's
/// working days completed 10 dossiers with 9 on time; 1 and 2 December 10 each, all on time; today so far 4, on time.
/// </summary>
public sealed class NowcastNoteTests : DashboardTest
{
    private static readonly DateOnly Today = new(2026, 12, 3);
    private static readonly WorkingCalendar Calendar = HolidayFile.Load(SeedData.Locate());

    [Fact]
    public void AReviewCellSaysTheMonthWillMissAFullOnTimeCommitmentAndHowManyMoreItTakes()
    {
        var target = new Target("dossier.onTimeRate", UnitLevel.Agency, "TTPVHCC", TargetDirection.AtLeast, 100, "year", "100% đúng hạn", "100% on time");

        var nowcast = KpiNowcast.Project(KpiCatalog.Get("dossier.onTimeRate"), target, NowcastHorizon.Month, Completions(), Today, Calendar);
        var html = Render<NowcastNote>(Ui.Vietnamese, p => p.Add(c => c.Nowcast, nowcast));

        // Usual working day: 10 completed, (18 × 9 + 2 × 10) / 20 = 9.1 on time. So far 24/24; the rest of today 6 × 0.91
        // = 5.46; 20 working days 182 of 200. Projected 211.46 / 230 = 91.9%. 100% of 230: 206 more, every remaining
        // one (206 = 6 + 200), 9.8 a day over 21 working days.
        var note = html.Find("[data-nowcast]");
        note.GetAttribute("data-status").Should().Be("near");
        html.Find(".nowcast-projection").TextContent.Should().Be("Dự báo cuối tháng 12: 91,9% (chỉ tiêu 100%): có nguy cơ không đạt.");
        html.Find(".nowcast-needed").TextContent.Should()
            .Be("Cần thêm 206 hồ sơ giải quyết đúng hạn (khoảng 10 hồ sơ mỗi ngày làm việc) để đạt 100% trong tháng 12.");
    }

    [Fact]
    public void OneLateDossierMoreMakesTheFullCommitmentOutOfReachAndTheCellSaysTheBestStillPossible()
    {
        var target = new Target("dossier.onTimeRate", UnitLevel.Agency, "TTPVHCC", TargetDirection.AtLeast, 100, "year", "100% đúng hạn", "100% on time");
        var days = Completions();
        var today = days[Today];
        today[Counter.DossiersCompletedOnTime] = 3;   // 1 of today's 4 was late
        days[Today] = today;

        var nowcast = KpiNowcast.Project(KpiCatalog.Get("dossier.onTimeRate"), target, NowcastHorizon.Month, days, Today, Calendar);
        var html = Render<NowcastNote>(Ui.English, p => p.Add(c => c.Nowcast, nowcast));

        // At best (23 + 206) / 230 = 99.57%: "99.6%".
        html.Find("[data-nowcast]").GetAttribute("data-status").Should().Be("missed");
        html.Find(".nowcast-needed").TextContent.Should()
            .Be("100% can no longer be reached in December: at best 99.6% if every remaining one of the dossiers completed counts.");
    }

    [Fact]
    public void WithoutThreeDaysOfFiguresTheCellShowsNoNowcast()
    {
        var target = new Target("dossier.onTimeRate", UnitLevel.Agency, "TTPVHCC", TargetDirection.AtLeast, 100, "year", "100% đúng hạn", "100% on time");
        var days = new Dictionary<DateOnly, CounterSet> { [Today] = Completed(4, 4) };

        var nowcast = KpiNowcast.Project(KpiCatalog.Get("dossier.onTimeRate"), target, NowcastHorizon.Month, days, Today, Calendar);
        var html = Render<NowcastNote>(Ui.Vietnamese, p => p.Add(c => c.Nowcast, nowcast));

        html.FindAll("[data-nowcast]").Should().BeEmpty();
    }

    private static Dictionary<DateOnly, CounterSet> Completions()
    {
        var days = new Dictionary<DateOnly, CounterSet>();
        for (var day = Today.AddDays(-Nowcaster.PatternDays); day < Today; day = day.AddDays(1))
        {
            if (Calendar.IsWorkingDay(day))
            {
                days[day] = day.Month == 12 ? Completed(10, 10) : Completed(10, 9);
            }
        }

        days[Today] = Completed(4, 4);
        return days;
    }

    private static CounterSet Completed(long completed, long onTime)
    {
        var counters = default(CounterSet);
        counters[Counter.DossiersCompleted] = completed;
        counters[Counter.DossiersCompletedOnTime] = onTime;
        return counters;
    }
}
