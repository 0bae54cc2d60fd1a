using IOC.Grains.Interfaces;
using IOC.Grains.Messages;
using IOC.Grains.Pushes;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Concurrency;

namespace IOC.Grains.Grains;

/// <summary>Sends the KPI updates of this silo's grains to every web host (<see cref="BatchingPublisherGrain{TItem, TObserver}"/>).</summary>
[StatelessWorker(1)]
public sealed class KpiPublisherGrain(ILogger<KpiPublisherGrain> logger) : BatchingPublisherGrain<KpiUpdate, IKpiObserver>(logger), IKpiPublisherGrain
{
    protected override string ItemName => "live update";

    public Task Publish(KpiUpdate update)
    {
        Enqueue(update);
        return Task.CompletedTask;
    }

    protected override Task SendAsync(IKpiObserver observer, List<KpiUpdate> batch) => observer.OnUpdates(batch);

    protected override Task<IReadOnlyList<IKpiObserver>> ReadObserversAsync() => GrainFactory.GetGrain<IObserverRegistryGrain>(0).GetObservers();
}
