using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace IOC.Grains.Pushes;

/// <summary>
/// The GPSTracker sample's push notifier, for any kind of push (KPI updates, alert changes): grains of this silo hand
/// it what changed, and every few milliseconds it sends what it holds to every web host's observer at once. Subclasses
/// are one local activation ([StatelessWorker(1)]), so a grain's pushes reach each host in the order it sent them; a
/// slow or dead host costs the others nothing but its own call.
/// </summary>
public abstract class BatchingPublisherGrain<TItem, TObserver>(ILogger logger) : Grain
    where TObserver : IGrainObserver
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(20);
    private List<TItem> _queue = [];
    private IReadOnlyList<TObserver> _observers = [];
    private Task _flushing = Task.CompletedTask;

    /// <summary>What one item is, for the log ("live update", "alert change").</summary>
    protected abstract string ItemName { get; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await RefreshObserversAsync();

        // Interleaving timers: a flush waiting on a host never holds up grains handing over their pushes.
        this.RegisterGrainTimer(_ => Flush(), new GrainTimerCreationOptions(FlushEvery, FlushEvery) { Interleave = true });
        this.RegisterGrainTimer(_ => RefreshObserversAsync(), new GrainTimerCreationOptions(PushTiming.RefreshObserversEvery, PushTiming.RefreshObserversEvery) { Interleave = true });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await Flush();

    protected void Enqueue(TItem item) => _queue.Add(item);

    protected void Enqueue(IEnumerable<TItem> items) => _queue.AddRange(items);

    /// <summary>One batch to one host's observer.</summary>
    protected abstract Task SendAsync(TObserver observer, List<TItem> batch);

    /// <summary>The web hosts' observers, from the registry.</summary>
    protected abstract Task<IReadOnlyList<TObserver>> ReadObserversAsync();

    private Task Flush()
    {
        // One flush at a time: batches reach each host in order.
        if (_flushing.IsCompleted && _queue.Count > 0)
        {
            _flushing = SendQueueAsync();
        }

        return _flushing;
    }

    private async Task SendQueueAsync()
    {
        while (_queue.Count > 0)
        {
            var batch = _queue;
            _queue = [];
            await Task.WhenAll(_observers.Select(o => SendOrLogAsync(o, batch)));
        }
    }

    private async Task SendOrLogAsync(TObserver observer, List<TItem> batch)
    {
        try
        {
            await SendAsync(observer, batch);
        }
        catch (Exception ex)
        {
            PushLog.SendFailed(logger, batch.Count, ItemName, ex.Message);
        }
    }

    private async Task RefreshObserversAsync()
    {
        try
        {
            _observers = await ReadObserversAsync();
        }
        catch (Exception ex)
        {
            PushLog.RefreshFailed(logger, ItemName, ex.Message);
        }
    }
}
