namespace IOC.Tests.Silo;

/// <summary>
/// The test's clock for "now", the system's for timers. Orleans runs grain timers on the TimeProvider it finds, and a
/// FakeTimeProvider fires them only when advanced: grains would never tick. Their figures still follow the test's clock.
/// </summary>
public sealed class RealTimers(TimeProvider now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => now.LocalTimeZone;
}
