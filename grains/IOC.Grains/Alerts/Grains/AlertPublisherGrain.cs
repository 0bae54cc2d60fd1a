using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Interfaces;
using IOC.Grains.Pushes;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Concurrency;

namespace IOC.Grains.Alerts.Grains;

/// <summary>Sends the alert changes of this silo's grains to every web host (<see cref="BatchingPublisherGrain{TItem, TObserver}"/>).</summary>
[StatelessWorker(1)]
public sealed class AlertPublisherGrain(ILogger<AlertPublisherGrain> logger) : BatchingPublisherGrain<AlertChange, IAlertObserver>(logger), IAlertPublisherGrain
{
    protected override string ItemName => "alert change";

    public Task Publish(IReadOnlyList<AlertChange> changes)
    {
        Enqueue(changes);
        return Task.CompletedTask;
    }

    protected override Task SendAsync(IAlertObserver observer, List<AlertChange> batch) => observer.OnAlerts(batch);

    protected override Task<IReadOnlyList<IAlertObserver>> ReadObserversAsync() => GrainFactory.GetGrain<IAlertObserverRegistryGrain>(0).GetObservers();
}
