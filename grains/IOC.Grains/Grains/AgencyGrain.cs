using IOC.Domain.Units;
using IOC.Grains.Interfaces;
using Orleans;

namespace IOC.Grains.Grains;

/// <summary>
/// One city agency (key: its code): every event with its code in <c>agency</c>. It does not feed the city: an event
/// that also names a ward counts there, and one that names no ward counts through <see cref="CityWorkGrain"/>.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class AgencyGrain(UnitGrainServices services) : UnitGrain(UnitLevel.Agency, services), IAgencyGrain;
