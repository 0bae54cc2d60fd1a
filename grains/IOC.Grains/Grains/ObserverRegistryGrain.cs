using IOC.Grains.Interfaces;
using IOC.Grains.Pushes;
using Orleans;
using Orleans.Placement;
using Orleans.Runtime;

namespace IOC.Grains.Grains;

/// <summary>The web hosts' KPI observers (<see cref="ObserverRegistryGrain{TObserver}"/>).</summary>
[CollectionAgeLimit(AlwaysActive = true), Immovable]
public sealed class ObserverRegistryGrain(IClusterMembershipService membership) : ObserverRegistryGrain<IKpiObserver>(membership), IObserverRegistryGrain;
