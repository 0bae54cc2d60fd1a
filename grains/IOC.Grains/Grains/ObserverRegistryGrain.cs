using IOC.Grains.Interfaces;
using Orleans;
using Orleans.Runtime;

namespace IOC.Grains.Grains;

/// <summary>
/// The GPSTracker sample's hub list: each web host's observer by the silo it runs in, filtered by the cluster's
/// membership, so a dead host stops being sent to as soon as its silo is declared dead. Kept in memory only: hosts
/// register again every few seconds, so a reactivation elsewhere refills it.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class ObserverRegistryGrain(IClusterMembershipService membership) : Grain, IObserverRegistryGrain
{
    private readonly Dictionary<SiloAddress, IKpiObserver> _observers = new();

    public Task Register(SiloAddress host, IKpiObserver observer)
    {
        _observers[host] = observer;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IKpiObserver>> GetObservers()
    {
        var members = membership.CurrentSnapshot;
        foreach (var dead in _observers.Keys.Where(h => members.GetSiloStatus(h) == SiloStatus.Dead).ToList())
        {
            _observers.Remove(dead);
        }

        return Task.FromResult<IReadOnlyList<IKpiObserver>>(
            [.. _observers.Where(o => members.GetSiloStatus(o.Key) == SiloStatus.Active).Select(o => o.Value)]);
    }
}
