using IOC.Domain.Units;
using IOC.Grains.Interfaces;
using Orleans;

namespace IOC.Grains.Grains;

/// <summary>One ward or commune (key: its official code): every event with its code in <c>unit</c>.</summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class WardGrain(UnitGrainServices services) : ContributorGrain(UnitLevel.Ward, services), IWardGrain;
