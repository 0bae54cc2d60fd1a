using IOC.Domain.Units;
using IOC.Grains.Interfaces;
using Orleans;

namespace IOC.Grains.Grains;

/// <summary>The city's direct work (key: the city's code): events that name an agency and no ward.</summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class CityWorkGrain(UnitGrainServices services) : ContributorGrain(UnitLevel.Direct, services), ICityWorkGrain;
