using IOC.Grains.Messages;
using Orleans;
using Orleans.Runtime;

namespace IOC.Grains.Interfaces;

/// <summary>A web host's receiver of live updates (the GPSTracker sample's remote hub): one per host, on every host.</summary>
public interface IKpiObserver : IGrainObserver
{
    Task OnUpdates(IReadOnlyList<KpiUpdate> updates);
}

/// <summary>The observers of the cluster's web hosts. One activation (key 0); hosts register again every few seconds.</summary>
public interface IObserverRegistryGrain : IGrainWithIntegerKey
{
    Task Register(SiloAddress host, IKpiObserver observer);

    /// <summary>The observers of hosts whose silo is active now.</summary>
    Task<IReadOnlyList<IKpiObserver>> GetObservers();
}

/// <summary>
/// Batches the updates of the grains of its silo and sends them to every web host together (one per silo: a
/// [StatelessWorker] with one local activation, so a grain's updates stay in order).
/// </summary>
public interface IKpiPublisherGrain : IGrainWithIntegerKey
{
    Task Publish(KpiUpdate update);
}
