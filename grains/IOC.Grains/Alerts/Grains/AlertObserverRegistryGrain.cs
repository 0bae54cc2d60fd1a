using IOC.Grains.Alerts.Interfaces;
using Orleans;
using Orleans.Runtime;

namespace IOC.Grains.Alerts.Grains;

/// <summary>Each web host's alert observer by its silo, filtered by membership (as ObserverRegistryGrain for KPIs).</summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class AlertObserverRegistryGrain(IClusterMembershipService membership) : Grain, IAlertObserverRegistryGrain
{
    private readonly Dictionary<SiloAddress, IAlertObserver> _observers = new();

    public Task Register(SiloAddress host, IAlertObserver observer)
    {
        _observers[host] = observer;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IAlertObserver>> GetObservers()
    {
        var members = membership.CurrentSnapshot;
        foreach (var dead in _observers.Keys.Where(h => members.GetSiloStatus(h) == SiloStatus.Dead).ToList())
        {
            _observers.Remove(dead);
        }

        return Task.FromResult<IReadOnlyList<IAlertObserver>>(
            [.. _observers.Where(o => members.GetSiloStatus(o.Key) == SiloStatus.Active).Select(o => o.Value)]);
    }
}
