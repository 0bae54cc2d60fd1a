using IOC.Domain.Telemetry;
using IOC.Domain.Units;
using IOC.Grains.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IOC.Grains.Grains;

/// <summary>What every unit grain takes from its silo, in one parameter.</summary>
public sealed class UnitGrainServices(
    IUnitRecovery recovery,
    IHistorySink history,
    Quarantine quarantine,
    TimeProvider time,
    IOptions<GrainOptions> options,
    IocMetrics metrics,
    ILoggerFactory loggers,
    UnitCatalog units)
{
    /// <summary>The deployment's units: which province a ward feeds, how much a unit keeps (national mode keeps less).</summary>
    public UnitCatalog Units => units;

    public IUnitRecovery Recovery => recovery;

    public IHistorySink History => history;

    public Quarantine Quarantine => quarantine;

    public TimeProvider Time => time;

    public GrainOptions Options => options.Value;

    public IocMetrics Metrics => metrics;

    public ILoggerFactory Loggers => loggers;

    /// <summary>The five-minute slots each unit keeps (see <see cref="GrainOptions.FiveMinuteHours"/>).</summary>
    public int FiveMinuteSlots => options.Value.FiveMinuteHours is { } hours
        ? Math.Clamp(hours * 12, Fold.CounterBuckets.TodayFiveMinuteSlots, Fold.CounterBuckets.FiveMinuteSlots)
        : units.IsNational ? Fold.CounterBuckets.TodayFiveMinuteSlots : Fold.CounterBuckets.FiveMinuteSlots;
}
