using Orleans;
using Orleans.Runtime;

namespace IOC.Grains.Pushes;

/// <summary>
/// The GPSTracker sample's hub list, for any kind of push: each web host's observer by the silo it runs in, filtered by
/// the cluster's membership, so a dead host stops being sent to as soon as its silo is declared dead. Kept in memory
/// only: hosts register again every few seconds, so a reactivation elsewhere refills it.
/// </summary>
public abstract class ObserverRegistryGrain<TObserver>(IClusterMembershipService membership) : Grain
    where TObserver : IGrainObserver
{
    private readonly Dictionary<SiloAddress, TObserver> _observers = new();

    public Task Register(SiloAddress host, TObserver observer)
    {
        _observers[host] = observer;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TObserver>> GetObservers()
    {
        var members = membership.CurrentSnapshot;
        foreach (var dead in _observers.Keys.Where(h => members.GetSiloStatus(h) == SiloStatus.Dead).ToList())
        {
            _observers.Remove(dead);
        }

        return Task.FromResult<IReadOnlyList<TObserver>>(
            [.. _observers.Where(o => members.GetSiloStatus(o.Key) == SiloStatus.Active).Select(o => o.Value)]);
    }
}
