using System.Diagnostics;
using Serilog.Events;

namespace IOC.Web.Logging;

/// <summary>
/// Drops one false alarm of Orleans 10.4.2 at every silo start: its watchdog starts the thread that checks the
/// participant thread before it stamps that thread's start, so the first check measures from the clock's zero and
/// warns that the participant check "has not completed" for as long as the machine has been up ("lock contention or
/// deadlock, CPU starvation"). A stall cannot be longer than this process has lived, so only such reports are
/// dropped; a real stall still logs.
/// </summary>
internal static class WatchdogStartupRace
{
    private const string Source = "Orleans.Runtime.Watchdog";
    private const string Property = "TimeSinceLastTick";
    private static readonly DateTime ProcessStarted = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    public static bool IsFalseAlarm(LogEvent e) => IsFalseAlarm(e, DateTime.UtcNow - ProcessStarted);

    public static bool IsFalseAlarm(LogEvent e, TimeSpan processAge) =>
        e.Level == LogEventLevel.Warning &&
        e.MessageTemplate.Text.StartsWith("Participant check thread has not completed", StringComparison.Ordinal) &&
        e.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: Source } &&
        e.Properties.TryGetValue(Property, out var stalled) && stalled is ScalarValue { Value: TimeSpan duration } &&
        duration > processAge;
}
