using IOC.Domain.Calendar;
using IOC.Domain.Nowcast;
using IOC.Domain.Seed;
using IOC.Domain.Targets;

namespace IOC.Domain.Tests.Nowcast;

/// <summary>
/// The month-end projection against a hand-computed September 2026: working days bring 10 dossiers of which 1 is full
/// process online, weekends and the National Day holidays (1–2 September, from seed-data/holidays.csv) bring 2 and none.
/// Today is Monday 28 September with 4 dossiers so far; 29 and 30 September are left.
/// </summary>
public sealed class NowcasterTests
{
    private static readonly DateOnly Today = new(2026, 9, 28);
    private static readonly WorkingCalendar Calendar = HolidayFile.Load(SeedData.Locate());

    [Fact]
    public void TheSeedCalendarKnowsNationalDayAndMakeUpDays()
    {
        Calendar.IsWorkingDay(new DateOnly(2026, 9, 2)).Should().BeFalse();
        Calendar.IsWorkingDay(new DateOnly(2026, 1, 10)).Should().BeTrue("Saturday 10 January 2026 makes up for 2 January");
        Calendar.Count(new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30)).Should().Be((20, 10));
    }

    [Fact]
    public void AProjectionBelowAReachableTargetSaysHowManyMoreEachWorkingDay()
    {
        var result = Nowcaster.Project(Input(target: 10), Calendar);

        // So far: 17 working days × (1/10) + 10 days off × (0/2) + today 0/4 = 17/194. The rest: 6 more today at 10%,
        // 2 working days × 1/10 = 2.6/26. Projected 19.6/220 = 8.91%. 10% of 220 = 22: 5 more over 3 working days.
        result.Status.Should().Be(NowcastStatus.AtRisk);
        result.Projected.Should().BeApproximately(8.909, 0.001);
        result.ProjectedFigures.Should().Be(new RateFigures(19.6, 220));
        (result.Needed, result.PerWorkingDay, result.RemainingWorkingDays, result.RemainingOffDays).Should().Be((5L, 1.7, 2, 0));
        NowcastText.NeededVi(result, "dossier.fullProcessOnlineRate")
            .Should().Be("Cần thêm 5 hồ sơ trực tuyến toàn trình (khoảng 2 hồ sơ mỗi ngày làm việc) để đạt 10% trong tháng 9.");
        NowcastText.ProjectionVi(result).Should().Be("Dự báo cuối tháng 9: 8,9% (chỉ tiêu 10%): có nguy cơ không đạt.");
    }

    [Fact]
    public void ATargetBeyondEveryRemainingDossierIsUnreachableWithTheBestStillPossible()
    {
        var result = Nowcaster.Project(Input(target: 20), Calendar);

        // 20% of 220 = 44: 27 more are needed and only 26 dossiers remain; at best (17 + 26) / 220 = 19.545%.
        result.Status.Should().Be(NowcastStatus.Unreachable);
        result.Needed.Should().BeNull();
        result.Best.Should().BeApproximately(19.545, 0.001, "19.5% in words: rounded once, not 19.55 then 19.6");
        NowcastText.NeededVi(result, "dossier.fullProcessOnlineRate")
            .Should().Be("Không còn đạt được 20% trong tháng 9: cao nhất có thể là 19,5% nếu mọi hồ sơ tiếp nhận còn lại đều đạt.");
    }

    [Fact]
    public void FewerThanThreeDaysWithFiguresMakeNoProjection()
    {
        var input = Input(target: 10) with { RecentDays = [(Today.AddDays(-2), new RateFigures(1, 10)), (Today.AddDays(-1), new RateFigures(0, 2))] };

        var result = Nowcaster.Project(input, Calendar);

        result.Status.Should().Be(NowcastStatus.Insufficient);
        result.Projected.Should().BeNull();
    }

    private static NowcastInput Input(double target)
    {
        var recent = Enumerable.Range(1, Nowcaster.PatternDays).Select(back => Today.AddDays(-back)).Select(Day).ToList();
        var september = recent.Where(d => d.Day.Month == 9).ToList();
        var soFar = new RateFigures(september.Sum(d => d.Figures.Numerator), september.Sum(d => d.Figures.Denominator) + 4);
        return new NowcastInput(NowcastPeriod.Of(NowcastHorizon.Month, Today), Today, soFar, new RateFigures(0, 4), recent, TargetDirection.AtLeast, target);
    }

    private static (DateOnly Day, RateFigures Figures) Day(DateOnly day) =>
        (day, Calendar.IsWorkingDay(day) ? new RateFigures(1, 10) : new RateFigures(0, 2));
}
