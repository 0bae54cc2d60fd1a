using IOC.Grains.Alerts.Interfaces;
using IOC.Domain.Units;
using Orleans;

namespace IOC.Grains.Interfaces;

public static class UnitGrains
{
    /// <summary>The grain of a ward, an agency or a province's direct work.</summary>
    public static IUnitGrain Unit(this IGrainFactory grains, UnitKey key) => key.Level switch
    {
        UnitLevel.Ward => grains.GetGrain<IWardGrain>(key.Code),
        UnitLevel.Agency => grains.GetGrain<IAgencyGrain>(key.Code),
        UnitLevel.Direct => grains.GetGrain<ICityWorkGrain>(key.Code),
        _ => throw new ArgumentException($"{key} is not a unit grain: a province or the country is a roll-up (IRollupGrain).", nameof(key)),
    };

    /// <summary>The grain of a province or the country.</summary>
    public static IRollupGrain Rollup(this IGrainFactory grains, UnitKey key) => key.Level switch
    {
        UnitLevel.City => grains.GetGrain<ICityGrain>(key.Code),
        UnitLevel.Country => grains.GetGrain<ICountryGrain>(key.Code),
        _ => throw new ArgumentException($"{key} is not a roll-up: a ward, agency or direct work is a unit grain.", nameof(key)),
    };

    /// <summary>The grain that judges a unit's alert rules: its unit grain or its province; the country has none (null).</summary>
    public static IAlertOwner? AlertOwner(this IGrainFactory grains, UnitKey key) => key.Level switch
    {
        UnitLevel.City => grains.GetGrain<ICityGrain>(key.Code),
        UnitLevel.Country => null,
        _ => grains.Unit(key),
    };

    /// <summary>The deployment's head: its province, or the country in national mode.</summary>
    public static IRollupGrain City(this IGrainFactory grains, UnitCatalog units) => grains.Rollup(units.Head.Key);
}
