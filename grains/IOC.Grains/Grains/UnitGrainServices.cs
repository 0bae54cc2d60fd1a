using IOC.Domain.Telemetry;
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
    ILoggerFactory loggers)
{
    public IUnitRecovery Recovery => recovery;

    public IHistorySink History => history;

    public Quarantine Quarantine => quarantine;

    public TimeProvider Time => time;

    public GrainOptions Options => options.Value;

    public IocMetrics Metrics => metrics;

    public ILoggerFactory Loggers => loggers;
}
