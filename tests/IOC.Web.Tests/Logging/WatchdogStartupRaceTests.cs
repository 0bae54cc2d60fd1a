using IOC.Web.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace IOC.Web.Tests.Logging;

/// <summary>Orleans' watchdog warns at every silo start of a stall as long as the machine's uptime; that line is dropped, real stalls are not.</summary>
public class WatchdogStartupRaceTests
{
    private const string Template =
        "Participant check thread has not completed for {TimeSinceLastTick}, potentially indicating lock contention or deadlock, CPU starvation, or another execution anomaly.";

    /// <summary>
    /// The race itself comes and goes (one start in three here), so the host's filter is tested with the watchdog's own
    /// message logged under its category: the uptime-long stall is dropped, a short one stays.
    /// </summary>
    [Fact]
    public async Task TheServersLogDropsTheStartupRaceAndKeepsARealStall()
    {
        var factory = new IocWebFactory { KeepDataDir = true };
        var dataDir = factory.DataDir;
        var watchdog = factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Orleans.Runtime.Watchdog");
        var stall = LoggerMessage.Define<TimeSpan>(LogLevel.Warning, new EventId(100), Template);
        var processAge = DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime;
        var real = TimeSpan.FromMilliseconds(Math.Floor(processAge.TotalMilliseconds / 2));
        stall(watchdog, TimeSpan.FromDays(3) + TimeSpan.FromSeconds(7), null);
        stall(watchdog, real, null);
        await factory.DisposeAsync();   // flushes the async file sink
        var log = LogFiles.ReadAll(dataDir);
        Directory.Delete(dataDir, recursive: true);

        log.Should().Contain($"Participant check thread has not completed for {real}");
        log.Should().NotContain("3.00:00:07");
    }

    [Fact]
    public void AStallLongerThanTheProcessHasLivedIsTheStartupRace() =>
        WatchdogStartupRace.IsFalseAlarm(Event(TimeSpan.FromHours(49)), processAge: TimeSpan.FromMinutes(3)).Should().BeTrue();

    [Fact]
    public void AStallWithinTheProcesssLifeIsKept() =>
        WatchdogStartupRace.IsFalseAlarm(Event(TimeSpan.FromSeconds(12)), processAge: TimeSpan.FromMinutes(3)).Should().BeFalse();

    [Fact]
    public void TheSameWordsFromAnotherSourceOrAtAnotherLevelAreKept()
    {
        WatchdogStartupRace.IsFalseAlarm(Event(TimeSpan.FromHours(49), source: "IOC.Something"), TimeSpan.FromMinutes(3)).Should().BeFalse();
        WatchdogStartupRace.IsFalseAlarm(Event(TimeSpan.FromHours(49), level: LogEventLevel.Error), TimeSpan.FromMinutes(3)).Should().BeFalse();
    }

    private static LogEvent Event(TimeSpan stalled, string source = "Orleans.Runtime.Watchdog", LogEventLevel level = LogEventLevel.Warning) =>
        new(
            DateTimeOffset.UtcNow,
            level,
            null,
            new MessageTemplateParser().Parse(Template),
            [new LogEventProperty("TimeSinceLastTick", new ScalarValue(stalled)), new LogEventProperty("SourceContext", new ScalarValue(source))]);
}
