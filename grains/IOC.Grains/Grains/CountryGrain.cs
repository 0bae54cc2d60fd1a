using IOC.Domain.Units;
using IOC.Grains.Interfaces;
using IOC.Grains.Messages;
using Orleans;
using Orleans.Placement;

namespace IOC.Grains.Grains;

/// <summary>
/// The country (national mode; key <c>VN</c>): the sum of the provinces' shares, exactly as a province is the sum of its
/// communes'. It rebuilds by pulling each province's whole state (34 calls, whatever the number of communes).
/// </summary>
// Immovable for the cluster's rebalancer: a roll-up that moves rebuilds by pulling every contributor, while the
// rebalancer is moving those contributors too; there are few of them and they balance nothing. A dead node's still
// activate elsewhere.
[CollectionAgeLimit(AlwaysActive = true), Immovable]
public sealed class CountryGrain(UnitCatalog units, UnitGrainServices services) : RollupGrain(UnitLevel.Country, units, services), ICountryGrain
{
    protected override IEnumerable<UnitKey> Contributors() => Units.Provinces.Select(p => p.Key);

    protected override Task<CityContribution> PullAsync(UnitKey contributor) => GrainFactory.GetGrain<ICityGrain>(contributor.Code).PullContribution();

    protected override Task<IReadOnlyList<CityShare>> FlushAsync(UnitKey contributor) => GrainFactory.GetGrain<ICityGrain>(contributor.Code).FlushToCountry();
}
