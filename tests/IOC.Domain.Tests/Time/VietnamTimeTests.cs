using IOC.Domain.Time;

namespace IOC.Domain.Tests.Time;

public sealed class VietnamTimeTests
{
    [Fact]
    public void TheDayKeyChangesAtLocalMidnightWhichIsSeventeenHundredUtc()
    {
        var lastSecondOfJulyFirst = DateTimeOffset.Parse("2025-07-01T16:59:59Z");
        var localMidnight = DateTimeOffset.Parse("2025-07-01T17:00:00Z");

        var before = VietnamTime.DayKey(lastSecondOfJulyFirst);
        var after = VietnamTime.DayKey(localMidnight);

        before.Should().Be(new DateOnly(2025, 7, 1).DayNumber);
        after.Should().Be(new DateOnly(2025, 7, 2).DayNumber);
    }

    [Fact]
    public void TheSameInstantHasTheSameKeysWhateverItsOffset()
    {
        var local = DateTimeOffset.Parse("2025-07-02T00:30:00+07:00");
        var utc = DateTimeOffset.Parse("2025-07-01T17:30:00Z");
        var paris = DateTimeOffset.Parse("2025-07-01T19:30:00+02:00");

        var keys = new[] { local, utc, paris }.Select(t => (VietnamTime.DayKey(t), VietnamTime.MinuteKey(t))).Distinct();

        keys.Should().ContainSingle().Which.Item1.Should().Be(new DateOnly(2025, 7, 2).DayNumber);
    }

    [Fact]
    public void MinuteKeysAcrossMidnightAreConsecutiveAndFallOnTheirLocalDays()
    {
        var beforeMidnight = VietnamTime.MinuteKey(DateTimeOffset.Parse("2025-07-01T23:59:30+07:00"));
        var atMidnight = VietnamTime.MinuteKey(DateTimeOffset.Parse("2025-07-02T00:00:00+07:00"));

        var days = (VietnamTime.DayKeyOfMinute(beforeMidnight), VietnamTime.DayKeyOfMinute(atMidnight));

        (atMidnight - beforeMidnight).Should().Be(1);
        days.Should().Be((new DateOnly(2025, 7, 1).DayNumber, new DateOnly(2025, 7, 2).DayNumber));
        atMidnight.Should().Be((long)new DateOnly(2025, 7, 2).DayNumber * 24 * 60);
    }

    [Fact]
    public void LocalDateIsTheHanoiCalendarDate()
    {
        var newYearInHanoi = DateTimeOffset.Parse("2025-12-31T17:30:00Z");

        var date = VietnamTime.LocalDate(newYearInHanoi);

        date.Should().Be(new DateOnly(2026, 1, 1));
    }

    [Fact]
    public void StartOfMinuteIsTheLocalMinuteWithTheVietnamOffset()
    {
        var at = DateTimeOffset.Parse("2025-07-01T18:45:59.900Z");

        var start = VietnamTime.StartOfMinute(VietnamTime.MinuteKey(at));

        start.Should().Be(DateTimeOffset.Parse("2025-07-01T18:45:00Z"));
        start.Offset.Should().Be(TimeSpan.FromHours(7));
        start.Hour.Should().Be(1);
    }

    [Fact]
    public void StartOfDayIsLocalMidnight()
    {
        var start = VietnamTime.StartOfDay(new DateOnly(2025, 7, 2));

        start.UtcDateTime.Should().Be(new DateTime(2025, 7, 1, 17, 0, 0, DateTimeKind.Utc));
        start.Offset.Should().Be(TimeSpan.FromHours(7));
    }

    [Fact]
    public void ToLocalKeepsTheInstantAndShowsHanoiTime()
    {
        var utc = DateTimeOffset.Parse("2025-07-01T20:15:00Z");

        var local = VietnamTime.ToLocal(utc);

        local.Should().Be(utc);
        local.ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture).Should().Be("2025-07-02 03:15 +07:00");
    }
}
