using IOC.Domain.Units;
using IOC.Grains;
using IOC.Grains.Interfaces;
using IOC.Grains.Messages;
using IOC.Grains.Pushes;
using IOC.Grains.Reading;
using KpiHubOptions = IOC.Live.Hub.KpiHubOptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace IOC.Live.Feed;

/// <summary>
/// Connects this web host to the KPI pushes (<see cref="ObserverFeedHost{TObserver}"/>): its observer fills the
/// <see cref="LiveStore"/>, seeded with every unit's figures and the city's trend; every
/// <see cref="KpiHubOptions.LiveTickMilliseconds"/> it ticks the <see cref="LiveKpis"/> subscribers with what changed.
/// </summary>
public sealed partial class LiveFeedHost(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    GrainReader reader,
    UnitCatalog units,
    LiveStore store,
    LiveKpis live,
    IOptions<KpiHubOptions> options,
    TimeProvider time,
    ILogger<LiveFeedHost> logger) : ObserverFeedHost<IKpiObserver>(time, logger)
{
    // Held here: the runtime keeps only a weak reference to an observer object.
    private readonly KpiObserver _observer = new(store);

    protected override TimeSpan TickEvery => TimeSpan.FromMilliseconds(Math.Max(10, options.Value.LiveTickMilliseconds));

    protected override string FeedName => "live";

    protected override IKpiObserver CreateReference() => grains.CreateObjectReference<IKpiObserver>(_observer);

    protected override Task RegisterAsync(IKpiObserver reference) => grains.GetGrain<IObserverRegistryGrain>(0).Register(silo.SiloAddress, reference);

    protected override async Task SeedAsync()
    {
        var snapshots = await reader.SnapshotsAsync(units.All.Select(u => u.Key));
        var trend = await grains.City(units).GetTrend();
        store.Apply([.. snapshots.Select(s => new KpiUpdate(s.AsOf, s)), new KpiUpdate(Time.GetUtcNow(), null, trend)]);
    }

    protected override void OnTick() => live.Tick(ex => LogSubscriberFailed(logger, ex));

    [LoggerMessage(Level = LogLevel.Error, Message = "A live feed subscriber failed")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);
}
