using IOC.Domain.Time;

namespace IOC.Testing.Hosting;

/// <summary>
/// The wall clock for tests that post "today's" events to a real server and then read today's figures. Minutes before
/// now is yesterday in Vietnam for the first minutes after local midnight (17:00 UTC), and a test that straddles
/// midnight sees its today become yesterday: a CI run at 17:00 UTC failed four page tests that way. A test that reads
/// a figure drawn per step of the day (the wallboard's half-hour trends) meets the same at every step's end.
/// </summary>
public static class TestClock
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>How close to local midnight a test may start; closer, <see cref="RecentToday(double)"/> waits it out.</summary>
    private static readonly TimeSpan MidnightMargin = TimeSpan.FromMinutes(1);

    /// <summary>
    /// <paramref name="minutesAgo"/> minutes before now, but not before the start of today in Vietnam; when local midnight
    /// is less than a minute away, first waits until it has passed.
    /// </summary>
    public static DateTimeOffset RecentToday(double minutesAgo) => RecentInStep(Day, minutesAgo, MidnightMargin);

    /// <summary><paramref name="minutesAgo"/> minutes before <paramref name="now"/>, but not before the start of its day in Vietnam.</summary>
    public static DateTimeOffset RecentToday(double minutesAgo, DateTimeOffset now) => RecentInStep(Day, minutesAgo, now);

    /// <summary>
    /// <paramref name="minutesAgo"/> minutes before now, but not before the start of the current <paramref name="step"/>
    /// of the Vietnamese day (a step divides the day: 30 minutes, a day); when the step ends in less than
    /// <paramref name="margin"/>, first waits until it has, so a test lasting less than the margin stays in one step.
    /// </summary>
    public static DateTimeOffset RecentInStep(TimeSpan step, double minutesAgo, TimeSpan margin)
    {
        var now = DateTimeOffset.UtcNow;
        var end = StartOfStep(step, now) + step;
        if (end - now < margin)
        {
            Thread.Sleep(end - now + TimeSpan.FromSeconds(1));
            now = DateTimeOffset.UtcNow;
        }

        return RecentInStep(step, minutesAgo, now);
    }

    /// <summary>
    /// Now, once it is at least <paramref name="margin"/> from both ends of today in Vietnam (waiting if not): for a test
    /// that fills today from its midnight up to now and reads it back.
    /// </summary>
    public static DateTimeOffset InsideToday(TimeSpan margin)
    {
        var now = RecentInStep(Day, 0, margin);
        var sinceMidnight = now - VietnamTime.StartOfDay(VietnamTime.LocalDate(now));
        if (sinceMidnight < margin)
        {
            Thread.Sleep(margin - sinceMidnight);
            now = DateTimeOffset.UtcNow;
        }

        return now;
    }

    /// <summary><paramref name="minutesAgo"/> minutes before <paramref name="now"/>, but not before the start of its step.</summary>
    public static DateTimeOffset RecentInStep(TimeSpan step, double minutesAgo, DateTimeOffset now)
    {
        var start = StartOfStep(step, now);
        var at = now.AddMinutes(-minutesAgo);
        return (at < start ? start : at).ToUniversalTime();
    }

    private static DateTimeOffset StartOfStep(TimeSpan step, DateTimeOffset at)
    {
        if (step <= TimeSpan.Zero || Day.Ticks % step.Ticks != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "A step must divide the day.");
        }

        var startOfDay = VietnamTime.StartOfDay(VietnamTime.LocalDate(at));
        return startOfDay + TimeSpan.FromTicks((at - startOfDay).Ticks / step.Ticks * step.Ticks);
    }
}
