using IOC.Grains.Interfaces;
using IOC.Grains.Messages;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace IOC.Grains.Grains;

/// <summary>
/// The GPSTracker sample's push notifier: grains of this silo hand it their updates, and every few milliseconds it sends
/// what it holds to every web host's observer at once. One local activation ([StatelessWorker(1)]), so the updates of a
/// grain reach each host in the order the grain sent them; a slow or dead host costs the others nothing but its own call.
/// </summary>
[StatelessWorker(1)]
public sealed partial class KpiPublisherGrain(ILogger<KpiPublisherGrain> logger) : Grain, IKpiPublisherGrain
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(20);
    /// <summary>How stale a publisher's list of web hosts may be: a host that just registered misses pushes this long.</summary>
    public static readonly TimeSpan RefreshObserversEvery = TimeSpan.FromSeconds(2);
    private List<KpiUpdate> _queue = [];
    private IReadOnlyList<IKpiObserver> _observers = [];
    private Task _flushing = Task.CompletedTask;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await RefreshObserversAsync();

        // Interleaving timers: a flush waiting on a host never holds up grains handing over their updates.
        this.RegisterGrainTimer(_ => Flush(), new GrainTimerCreationOptions(FlushEvery, FlushEvery) { Interleave = true });
        this.RegisterGrainTimer(_ => RefreshObserversAsync(), new GrainTimerCreationOptions(RefreshObserversEvery, RefreshObserversEvery) { Interleave = true });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await Flush();

    public Task Publish(KpiUpdate update)
    {
        _queue.Add(update);
        return Task.CompletedTask;
    }

    private Task Flush()
    {
        // One flush at a time: batches reach each host in order.
        if (_flushing.IsCompleted && _queue.Count > 0)
        {
            _flushing = SendAsync();
        }

        return _flushing;
    }

    private async Task SendAsync()
    {
        while (_queue.Count > 0)
        {
            var batch = _queue;
            _queue = [];
            await Task.WhenAll(_observers.Select(o => SendAsync(o, batch)));
        }
    }

    private async Task SendAsync(IKpiObserver observer, List<KpiUpdate> batch)
    {
        try
        {
            await observer.OnUpdates(batch);
        }
        catch (Exception ex)
        {
            LogSendFailed(logger, batch.Count, ex.Message);
        }
    }

    private async Task RefreshObserversAsync()
    {
        try
        {
            _observers = await GrainFactory.GetGrain<IObserverRegistryGrain>(0).GetObservers();
        }
        catch (Exception ex)
        {
            LogRefreshFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Updates} live update(s) to a web host: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, int updates, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the web hosts' observers: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
