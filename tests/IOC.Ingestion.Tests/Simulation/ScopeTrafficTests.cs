using IOC.Domain.Events;
using IOC.Domain.Seed;
using IOC.Domain.Units;
using IOC.Ingestion.Simulation;
using IOC.Tests.Shared;

namespace IOC.Ingestion.Tests.Simulation;

/// <summary>The simulator for another province and for the whole country: deterministic, in scope, urban wards busier.</summary>
public sealed class ScopeTrafficTests
{
    private static readonly DateTimeOffset From = TestEvents.Local(2026, 11, 18, 8, 0);

    private static readonly Lazy<UnitCatalog> Country = new(() => SeedData.LoadUnits(Seed.Directory, DeploymentScope.Country));

    [Fact]
    public void AHaiPhongSimulationNamesHaiPhongsCommunesOnlyAndIsTheSameForTheSameSeed()
    {
        var units = SeedData.LoadUnits(Seed.Directory, DeploymentScope.Parse("31"));

        var first = new TrafficGenerator(units, seed: 7, eventsPerSecond: 2).Generate(From, From.AddHours(2));
        var again = new TrafficGenerator(units, seed: 7, eventsPerSecond: 2).Generate(From, From.AddHours(2));
        var other = new TrafficGenerator(units, seed: 8, eventsPerSecond: 2).Generate(From, From.AddHours(2));

        first.Should().NotBeEmpty();
        first.Where(e => e.Unit is not null).Should().OnlyContain(e => units.IsWard(e.Unit!));
        first.Select(e => e.Unit).Distinct().Count().Should().BeGreaterThan(100, "nearly all 114 communes get traffic in two busy hours");
        again.Should().Equal(first);
        other.Should().NotEqual(first);
    }

    [Fact]
    public void NationallyEveryProvinceGetsTrafficAndAWardIsBusierThanACommune()
    {
        var units = Country.Value;

        var events = new TrafficGenerator(units, seed: 2025, eventsPerSecond: 40).Generate(From, From.AddHours(1));

        var perUnit = events.Where(e => e.Unit is not null).GroupBy(e => e.Unit!).ToDictionary(g => g.Key, g => g.Count());
        units.Provinces.Should().OnlyContain(p => units.WardsOf(p.Code).Any(w => perUnit.ContainsKey(w.Code)), "every province has traffic");
        double Mean(string type) => units.Wards.Where(w => w.Type == type).Average(w => perUnit.GetValueOrDefault(w.Code));
        Mean("phường").Should().BeGreaterThan(2 * Mean("xã"), "an urban ward sees about three times a commune's work");
    }
}
