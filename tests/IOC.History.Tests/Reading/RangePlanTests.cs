using IOC.History.Model;
using IOC.History.Reading;
using IOC.History.Store;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.History.Tests.Reading;

public sealed class RangePlanTests
{
    private static readonly Retention Retention = new(TimeSpan.FromHours(48), TimeSpan.FromDays(90));
    private static readonly DateTimeOffset Now = Local(2025, 7, 2, 14, 37);

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static Segment S(Resolution r, DateTimeOffset from, DateTimeOffset to) => new(r, Ms(from), Ms(to));

    [Fact]
    public void TodaySoFarIsReadFromTheHoursAndTheMinutesOfTheCurrentHour()
    {
        var plan = RangePlan.For(Ms(Local(2025, 7, 2, 0, 0)), Ms(Now), Ms(Now), Retention);

        plan.Segments.Should().Equal(
            S(Resolution.Hour, Local(2025, 7, 2, 0, 0), Local(2025, 7, 2, 14, 0)),
            S(Resolution.Minute, Local(2025, 7, 2, 14, 0), Local(2025, 7, 2, 14, 37)));
    }

    [Fact]
    public void NinetyDaysAreWholeDaysBetweenHourAndMinuteEdges()
    {
        var plan = RangePlan.For(Ms(Now.AddDays(-89).AddMinutes(-10)), Ms(Now), Ms(Now), Retention);

        plan.FromMs.Should().Be(Ms(Local(2025, 4, 4, 14, 0)), "minutes are not kept 89 days back: the hour holding 'from'");
        plan.Segments.Should().Equal(
            S(Resolution.Hour, Local(2025, 4, 4, 14, 0), Local(2025, 4, 5, 0, 0)),
            S(Resolution.Day, Local(2025, 4, 5, 0, 0), Local(2025, 7, 2, 0, 0)),
            S(Resolution.Hour, Local(2025, 7, 2, 0, 0), Local(2025, 7, 2, 14, 0)),
            S(Resolution.Minute, Local(2025, 7, 2, 14, 0), Local(2025, 7, 2, 14, 37)));
    }

    [Fact]
    public void BoundariesOlderThanTheHoursRetentionMoveOutToWholeDays()
    {
        var plan = RangePlan.For(Ms(Local(2025, 1, 10, 9, 30)), Ms(Local(2025, 1, 20, 9, 30)), Ms(Now), Retention);

        (plan.FromMs, plan.ToMs).Should().Be((Ms(Local(2025, 1, 10, 0, 0)), Ms(Local(2025, 1, 21, 0, 0))));
        plan.Segments.Should().Equal(S(Resolution.Day, Local(2025, 1, 10, 0, 0), Local(2025, 1, 21, 0, 0)));
    }

    [Fact]
    public void ProceduresHaveNoMinutesSoTheirRangeIsWholeHours()
    {
        var plan = RangePlan.For(Ms(Local(2025, 7, 2, 8, 15)), Ms(Now), Ms(Now), Retention, Resolution.Hour);

        plan.Segments.Should().Equal(S(Resolution.Hour, Local(2025, 7, 2, 8, 0), Local(2025, 7, 2, 15, 0)));
    }

    [Fact]
    public void AShortRangeInsideOneHourIsMinutesOnly()
    {
        var plan = RangePlan.For(Ms(Local(2025, 7, 2, 14, 5)), Ms(Local(2025, 7, 2, 14, 20)), Ms(Now), Retention);

        plan.Segments.Should().Equal(S(Resolution.Minute, Local(2025, 7, 2, 14, 5), Local(2025, 7, 2, 14, 20)));
    }
}
