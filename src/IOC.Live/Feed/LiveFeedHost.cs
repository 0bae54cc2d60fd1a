using IOC.Domain.Units;
using IOC.Grains.Grains;
using IOC.Grains.Interfaces;
using IOC.Grains.Messages;
using IOC.Grains.Pushes;
using IOC.Grains.Reading;
using IOC.Grains;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace IOC.Live.Feed;

/// <summary>
/// Connects this web host to the grains, wherever they live: registers its observer with the cluster's registry (again
/// every few seconds, as the GPSTracker sample's hub list updater does, since the registry keeps no state on disk),
/// seeds the <see cref="LiveStore"/> with every unit's figures at start, then ticks the <see cref="LiveKpis"/> subscribers.
/// Publishers learn of a new host within <see cref="PushTiming.RefreshObserversEvery"/>; what they published
/// before that never reached it, so it reads every unit once more when that time has passed.
/// </summary>
public sealed partial class LiveFeedHost(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    GrainReader reader,
    UnitCatalog units,
    LiveStore store,
    LiveKpis live,
    IOptions<GrainOptions> options,
    TimeProvider time,
    ILogger<LiveFeedHost> logger) : BackgroundService
{
    private static readonly TimeSpan RegisterEvery = TimeSpan.FromSeconds(5);

    // Held here: the runtime keeps only a weak reference to an observer object.
    private readonly KpiObserver _observer = new(store);
    private IKpiObserver? _reference;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _reference = grains.CreateObjectReference<IKpiObserver>(_observer);
        await RegisterAsync();

        // Registered first, then seeded: a push that arrives meanwhile is newer and wins over the seed.
        await SeedAsync();
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Tick, time);
        var started = time.GetUtcNow();
        var lastRegistered = started;
        var reseeded = false;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!reseeded && time.GetUtcNow() - started > PushTiming.RefreshObserversEvery + TimeSpan.FromSeconds(1))
                {
                    reseeded = true;
                    await SeedAsync();
                }

                live.Tick(ex => LogSubscriberFailed(logger, ex));
                if (time.GetUtcNow() - lastRegistered >= RegisterEvery)
                {
                    lastRegistered = time.GetUtcNow();
                    await RegisterAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SeedAsync()
    {
        try
        {
            var snapshots = await reader.SnapshotsAsync(units.All.Select(u => u.Key));
            var trend = await grains.City(units).GetTrend();
            store.Apply([.. snapshots.Select(s => new KpiUpdate(s.AsOf, s)), new KpiUpdate(time.GetUtcNow(), null, trend)]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSeedFailed(logger, ex.Message);
        }
    }

    private async Task RegisterAsync()
    {
        try
        {
            await grains.GetGrain<IObserverRegistryGrain>(0).Register(silo.SiloAddress, _reference!);
        }
        catch (Exception ex)
        {
            LogRegisterFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A live feed subscriber failed")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the units' figures for this host's live view: {Reason}")]
    private static partial void LogSeedFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register this host's live observer: {Reason}")]
    private static partial void LogRegisterFailed(ILogger logger, string reason);
}
