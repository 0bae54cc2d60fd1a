using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

namespace IOC.Grains.Pushes;

/// <summary>
/// The web host's end of a push path, wherever the grains live: registers this host's observer with the cluster's
/// registry, again every few seconds (as the GPSTracker sample's hub list updater does, since the registry keeps no
/// state on disk), and seeds the host's view from the grains at start. Publishers learn of a new host within
/// <see cref="PushTiming.RefreshObserversEvery"/>; what they sent before that never reached it, so the view is seeded
/// once more when that time has passed.
/// </summary>
public abstract class ObserverFeedHost<TObserver>(TimeProvider time, ILogger logger) : BackgroundService
    where TObserver : IGrainObserver
{
    private static readonly TimeSpan RegisterEvery = TimeSpan.FromSeconds(5);
    private TObserver? _reference;

    protected TimeProvider Time => time;

    /// <summary>What the loop wakes for: registering (every 5 s) unless a subclass has more to do more often.</summary>
    protected virtual TimeSpan TickEvery => RegisterEvery;

    /// <summary>What the push is, for the log ("live", "alert").</summary>
    protected abstract string FeedName { get; }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _reference = CreateReference();
        await RegisterOrLogAsync();

        // Registered first, then seeded: a push that arrives meanwhile is newer and wins over the seed.
        await SeedOrLogAsync();
        await base.StartAsync(cancellationToken);
    }

    /// <summary>The observer object (held by the subclass: the runtime keeps only a weak reference) as a grain reference.</summary>
    protected abstract TObserver CreateReference();

    protected abstract Task RegisterAsync(TObserver reference);

    /// <summary>Reads every unit's state from the grains into this host's view.</summary>
    protected abstract Task SeedAsync();

    /// <summary>Work of each loop turn besides registering.</summary>
    protected virtual void OnTick()
    {
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TickEvery, time);
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
                    await SeedOrLogAsync();
                }

                OnTick();
                if (time.GetUtcNow() - lastRegistered >= RegisterEvery)
                {
                    lastRegistered = time.GetUtcNow();
                    await RegisterOrLogAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SeedOrLogAsync()
    {
        try
        {
            await SeedAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PushLog.SeedFailed(logger, FeedName, ex.Message);
        }
    }

    private async Task RegisterOrLogAsync()
    {
        try
        {
            await RegisterAsync(_reference!);
        }
        catch (Exception ex)
        {
            PushLog.RegisterFailed(logger, FeedName, ex.Message);
        }
    }
}
