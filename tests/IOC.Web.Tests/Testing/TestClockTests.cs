using FluentAssertions;
using IOC.Testing.Hosting;
using Xunit;

namespace IOC.Web.Tests.Testing;

/// <summary>The clock the tests post "today's" events with: never yesterday in Vietnam, whatever the hour of the run.</summary>
public sealed class TestClockTests
{
    [Fact]
    public void MinutesAgoRightAfterLocalMidnightAreTheStartOfToday()
    {
        // 17:01 UTC is 00:01 in Vietnam: two minutes earlier would be yesterday there.
        var at = TestClock.RecentToday(2, new DateTimeOffset(2026, 12, 4, 17, 1, 0, TimeSpan.Zero));

        at.Should().Be(new DateTimeOffset(2026, 12, 4, 17, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void MinutesAgoLaterInTheDayAreJustThat()
    {
        var at = TestClock.RecentToday(2, new DateTimeOffset(2026, 12, 5, 1, 30, 0, TimeSpan.FromHours(7)));

        at.Should().Be(new DateTimeOffset(2026, 12, 4, 18, 28, 0, TimeSpan.Zero));
    }

    [Fact]
    public void MinutesAgoRightAfterAHalfHourAreTheStartOfThatHalfHour()
    {
        // 10:30:20 in Vietnam: a minute earlier is the half hour before, another point on a half-hourly trend.
        var at = TestClock.RecentInStep(TimeSpan.FromMinutes(30), 1, new DateTimeOffset(2026, 12, 5, 10, 30, 20, TimeSpan.FromHours(7)));

        at.Should().Be(new DateTimeOffset(2026, 12, 5, 3, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public void MinutesAgoWithinAHalfHourAreJustThat()
    {
        var at = TestClock.RecentInStep(TimeSpan.FromMinutes(30), 1, new DateTimeOffset(2026, 12, 5, 10, 45, 0, TimeSpan.FromHours(7)));

        at.Should().Be(new DateTimeOffset(2026, 12, 5, 3, 44, 0, TimeSpan.Zero));
    }

    [Fact]
    public void AStepThatDoesNotDivideTheDayIsRefused()
    {
        var act = () => TestClock.RecentInStep(TimeSpan.FromMinutes(7), 1, DateTimeOffset.UtcNow);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("step");
    }

    [Fact]
    public void InsideTodayIsAtLeastTheMarginFromBothMidnights()
    {
        var now = TestClock.InsideToday(TimeSpan.FromSeconds(20));
        var midnight = new DateTimeOffset(now.ToOffset(TimeSpan.FromHours(7)).Date, TimeSpan.FromHours(7));

        (now - midnight).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(20));
        (midnight.AddDays(1) - now).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(19));
    }

    [Fact]
    public void TheWallClockOneIsInTodayAndNotAfterNow()
    {
        var at = TestClock.RecentToday(2);
        var now = DateTimeOffset.UtcNow;

        at.Should().BeOnOrBefore(now);
        at.ToOffset(TimeSpan.FromHours(7)).Date.Should().Be(now.ToOffset(TimeSpan.FromHours(7)).Date);
    }
}
