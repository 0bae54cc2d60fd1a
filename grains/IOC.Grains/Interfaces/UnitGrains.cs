using IOC.Domain.Units;
using Orleans;

namespace IOC.Grains.Interfaces;

public static class UnitGrains
{
    /// <summary>The grain of a ward, an agency or the city's direct work.</summary>
    public static IUnitGrain Unit(this IGrainFactory grains, UnitKey key) => key.Level switch
    {
        UnitLevel.Ward => grains.GetGrain<IWardGrain>(key.Code),
        UnitLevel.Agency => grains.GetGrain<IAgencyGrain>(key.Code),
        UnitLevel.Direct => grains.GetGrain<ICityWorkGrain>(key.Code),
        _ => throw new ArgumentException($"{key} is not a unit grain: the city is ICityGrain.", nameof(key)),
    };

    public static ICityGrain City(this IGrainFactory grains, UnitCatalog units) => grains.GetGrain<ICityGrain>(units.City.Code);
}
