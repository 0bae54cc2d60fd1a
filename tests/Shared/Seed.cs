using IOC.Domain.Seed;
using IOC.Domain.Targets;
using IOC.Domain.Units;

namespace IOC.Tests.Shared;

/// <summary>The repository's own seed-data, loaded once per test run.</summary>
public static class Seed
{
    private static readonly Lazy<(UnitCatalog Units, TargetCatalog Targets)> Loaded = new(() =>
    {
        var dir = SeedData.Locate();
        var units = SeedData.LoadUnits(dir);
        return (units, SeedData.LoadTargets(dir, units));
    });

    public static UnitCatalog Units => Loaded.Value.Units;

    public static TargetCatalog Targets => Loaded.Value.Targets;

    public static string Directory => SeedData.Locate();
}
