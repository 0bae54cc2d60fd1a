using IOC.Grains.Alerts.Interfaces;
using IOC.Grains.Pushes;
using Orleans;
using Orleans.Placement;
using Orleans.Runtime;

namespace IOC.Grains.Alerts.Grains;

/// <summary>The web hosts' alert observers (<see cref="ObserverRegistryGrain{TObserver}"/>).</summary>
[CollectionAgeLimit(AlwaysActive = true), Immovable]
public sealed class AlertObserverRegistryGrain(IClusterMembershipService membership) : ObserverRegistryGrain<IAlertObserver>(membership), IAlertObserverRegistryGrain;
