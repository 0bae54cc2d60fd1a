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

    [Fact]
    public void WithoutASetRateEachScopeGetsHanoisDensityByCommuneType()
    {
        var hanoi = new TrafficGenerator(Seed.Units, new SimulatorOptions());
        var haiPhong = new TrafficGenerator(SeedData.LoadUnits(Seed.Directory, DeploymentScope.Parse("31")), new SimulatorOptions());
        var country = new TrafficGenerator(Country.Value, new SimulatorOptions());
        var chosen = new TrafficGenerator(Country.Value, new SimulatorOptions { EventsPerSecond = 5 });

        // Hanoi: 51 phường × 3 + 75 xã = 228 → 3. Hải Phòng: 45 × 3 + 67 xã + 2 đặc khu = 204 → 3 × 204 / 228.
        // The country: 687 × 3 + 2,621 + 13 = 4,695 → 3 × 4,695 / 228.
        hanoi.EventsPerSecond.Should().Be(3);
        haiPhong.EventsPerSecond.Should().BeApproximately(3.0 * 204 / 228, 1e-12);
        country.EventsPerSecond.Should().BeApproximately(3.0 * 4695 / 228, 1e-12);
        chosen.EventsPerSecond.Should().Be(5, "a rate that is set is the scope's total");
    }

    [Fact]
    public void TheCountrysDefaultTrafficIsAboutTwentyHanoisAndHaiPhongsShareOfItMatchesHaiPhongAlone()
    {
        var haiPhongUnits = SeedData.LoadUnits(Seed.Directory, DeploymentScope.Parse("31"));
        var to = From.AddMinutes(10);

        var hanoi = new TrafficGenerator(Seed.Units, new SimulatorOptions()).Generate(From, to);
        var haiPhong = new TrafficGenerator(haiPhongUnits, new SimulatorOptions()).Generate(From, to);
        var country = new TrafficGenerator(Country.Value, new SimulatorOptions()).Generate(From, to);
        var again = new TrafficGenerator(Country.Value, new SimulatorOptions()).Generate(From, to);

        // A weekday morning runs at about 3.67 times the weekly mean: Hanoi ~6,600 events in 10 minutes, the country ~136,000.
        ((double)country.Count / hanoi.Count).Should().BeInRange(4695.0 / 228 * 0.9, 4695.0 / 228 * 1.1);
        var haiPhongInCountry = country.Count(e => e.Unit is { } unit && haiPhongUnits.IsWard(unit));
        ((double)haiPhongInCountry / haiPhong.Count(e => e.Unit is not null)).Should().BeInRange(0.85, 1.15, "a province gets the same traffic alone or in the country");
        again.Select(e => e.Id).Should().Equal(country.Select(e => e.Id), "the same seed gives the same events");
    }

    [Fact]
    public void TenTimesTheNationalPeakRateMakesTenTimesTheEvents()
    {
        // About 370 and 3,700 events/s at the weekday-morning peak: the national peak and ten times it. Gaps rounded to
        // whole milliseconds used to cap the second at about 1,000 candidates a second.
        var peak = new TrafficGenerator(Country.Value, seed: 9, eventsPerSecond: 100).Generate(From, From.AddSeconds(20));
        var tenTimes = new TrafficGenerator(Country.Value, seed: 9, eventsPerSecond: 1000).Generate(From, From.AddSeconds(20));

        ((double)tenTimes.Count / peak.Count).Should().BeInRange(9, 11);
        tenTimes.Should().BeInAscendingOrder(e => e.At);
    }
}
