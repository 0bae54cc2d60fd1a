using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Interfaces;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace IOC.Grains.Alerts.Grains;

/// <summary>
/// The KPI publisher's sibling for alert changes: grains of this silo hand it their changes, and every few milliseconds
/// it sends what it holds to every web host's observer at once, in the order the grains sent them (one local activation).
/// </summary>
[StatelessWorker(1)]
public sealed partial class AlertPublisherGrain(ILogger<AlertPublisherGrain> logger) : Grain, IAlertPublisherGrain
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(20);

    /// <summary>How stale the list of web hosts may be (as the KPI publisher's).</summary>
    public static readonly TimeSpan RefreshObserversEvery = TimeSpan.FromSeconds(2);

    private List<AlertChange> _queue = [];
    private IReadOnlyList<IAlertObserver> _observers = [];
    private Task _flushing = Task.CompletedTask;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await RefreshObserversAsync();
        this.RegisterGrainTimer(_ => Flush(), new GrainTimerCreationOptions(FlushEvery, FlushEvery) { Interleave = true });
        this.RegisterGrainTimer(_ => RefreshObserversAsync(), new GrainTimerCreationOptions(RefreshObserversEvery, RefreshObserversEvery) { Interleave = true });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await Flush();

    public Task Publish(IReadOnlyList<AlertChange> changes)
    {
        _queue.AddRange(changes);
        return Task.CompletedTask;
    }

    private Task Flush()
    {
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

    private async Task SendAsync(IAlertObserver observer, List<AlertChange> batch)
    {
        try
        {
            await observer.OnAlerts(batch);
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
            _observers = await GrainFactory.GetGrain<IAlertObserverRegistryGrain>(0).GetObservers();
        }
        catch (Exception ex)
        {
            LogRefreshFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Changes} alert change(s) to a web host: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, int changes, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the web hosts' alert observers: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
