using IOC.Domain.Time;

namespace IOC.Testing.Hosting;

/// <summary>
/// The wall clock for tests that post "today's" events to a real server and then read today's figures. Minutes before
/// now is yesterday in Vietnam for the first minutes after local midnight (17:00 UTC), and a test that straddles
/// midnight sees its today become yesterday: a CI run at 17:00 UTC failed four page tests that way.
/// </summary>
public static class TestClock
{
    /// <summary>How close to local midnight a test may start; closer, <see cref="RecentToday(double)"/> waits it out.</summary>
    private static readonly TimeSpan MidnightMargin = TimeSpan.FromMinutes(1);

    /// <summary>
    /// <paramref name="minutesAgo"/> minutes before now, but not before the start of today in Vietnam; when local midnight
    /// is less than a minute away, first waits until it has passed.
    /// </summary>
    public static DateTimeOffset RecentToday(double minutesAgo)
    {
        var now = DateTimeOffset.UtcNow;
        var midnight = VietnamTime.StartOfDay(VietnamTime.LocalDate(now).AddDays(1));
        if (midnight - now < MidnightMargin)
        {
            Thread.Sleep(midnight - now + TimeSpan.FromSeconds(1));
            now = DateTimeOffset.UtcNow;
        }

        return RecentToday(minutesAgo, now);
    }

    /// <summary><paramref name="minutesAgo"/> minutes before <paramref name="now"/>, but not before the start of its day in Vietnam.</summary>
    public static DateTimeOffset RecentToday(double minutesAgo, DateTimeOffset now)
    {
        var startOfToday = VietnamTime.StartOfDay(VietnamTime.LocalDate(now));
        var at = now.AddMinutes(-minutesAgo);
        return (at < startOfToday ? startOfToday : at).ToUniversalTime();
    }
}
