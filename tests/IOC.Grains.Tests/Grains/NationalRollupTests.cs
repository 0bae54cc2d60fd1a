using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Seed;
using IOC.Domain.Units;
using IOC.Grains.Interfaces;
using IOC.Tests.Shared;
using IOC.Tests.Silo;
using Microsoft.Extensions.Time.Testing;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.Grains;

/// <summary>
/// A national deployment on a real silo: communes roll up to their province, provinces to the country (pre-aggregate,
/// then forward), checked against sums and hand-computed figures.
/// </summary>
public sealed class NationalRollupTests : IAsyncLifetime
{
    private const string CuaNam = "00082";      // Hà Nội
    private const string PhuLien = "11446";     // Hải Phòng
    private const string AnLaoHp = "11629";     // Hải Phòng
    private const string AnLaoGl = "21609";     // Gia Lai

    private static readonly DateTimeOffset Start = Local(2025, 7, 2, 10, 0);
    private static readonly UnitKey Country = new(UnitLevel.Country, UnitCatalog.CountryCode);
    private static readonly UnitCatalog Units = SeedData.LoadUnits(Seed.Directory, DeploymentScope.Country);

    private readonly FakeTimeProvider _clock = new(Start.ToUniversalTime());
    private readonly MemoryUnitStore _store = new();
    private TestSilo _silo = null!;
    private long _seq;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(_clock, _store, _store, units: Units);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task TheCountryIsTheSumOfItsProvincesAndOfItsCommunesInEveryWindow()
    {
        await DeliverAsync(
            Received(Start, CuaNam), Received(Start.AddMinutes(-90), CuaNam), Call(Start, CuaNam),
            Received(Start, PhuLien), Received(Start, PhuLien), Call(Start.AddMinutes(-5), AnLaoHp),
            Received(Start.AddHours(-3), AnLaoGl), Call(Start, AnLaoGl), Call(Start, AnLaoGl),
            Document(Start, "VPTU"));

        var communes = await Task.WhenAll(new[] { CuaNam, PhuLien, AnLaoHp, AnLaoGl }.Select(c => _silo.Reader.SnapshotAsync(Ward(c))));
        var direct = await _silo.Reader.SnapshotAsync(UnitCatalog.DirectWorkOf("01"));
        var provinces = await Task.WhenAll(Units.Provinces.Select(p => _silo.Reader.SnapshotAsync(p.Key)));
        var country = await _silo.Reader.SnapshotAsync(Country);

        foreach (var window in KpiWindows.All)
        {
            var ofProvinces = default(CounterSet);
            foreach (var province in provinces)
            {
                ofProvinces.Add(province[window]);
            }

            var ofCommunes = direct[window];
            foreach (var commune in communes)
            {
                ofCommunes.Add(commune[window]);
            }

            country[window].SameAs(ofProvinces).Should().BeTrue($"the country's {window.ToWire()} is the sum of its 34 provinces");
            country[window].SameAs(ofCommunes).Should().BeTrue($"the country's {window.ToWire()} is the sum of its communes and direct work");
        }

        // By hand: 5 dossiers today (2 in Hà Nội, 2 in Phù Liễn, 1 in Gia Lai's An Lão), 3 in the last hour (those of
        // 08:30 and 07:00 are older); 4 calls; Hanoi's agency document through Hanoi's direct work.
        country[KpiWindow.Today][Counter.DossiersReceived].Should().Be(5);
        country[KpiWindow.Last60Minutes][Counter.DossiersReceived].Should().Be(3);
        country[KpiWindow.Today][Counter.CallsOffered].Should().Be(4);
        country[KpiWindow.Today][Counter.DocumentsProcessed].Should().Be(1);
        Province(provinces, "01")[KpiWindow.Today][Counter.DossiersReceived].Should().Be(2);
        Province(provinces, "01")[KpiWindow.Today][Counter.DocumentsProcessed].Should().Be(1);
        Province(provinces, "31")[KpiWindow.Today][Counter.DossiersReceived].Should().Be(2);
        Province(provinces, "31")[KpiWindow.Today][Counter.CallsOffered].Should().Be(1);
        Province(provinces, "52")[KpiWindow.Today][Counter.CallsOffered].Should().Be(2);
        Province(provinces, "79")[KpiWindow.Today][Counter.DossiersReceived].Should().Be(0);
        country.Gauges.OpenDossiers.Should().Be(5);
    }

    [Fact]
    public async Task TheCountrysSatisfactionRateWeighsEveryResponseNotEveryProvince()
    {
        // Hải Phòng: 3 responses, 2 satisfied (66.7%); Gia Lai: 1 of 1 (100%). The country: 3 of 4 = 75%, not the
        // provinces' average 83.3%.
        await DeliverAsync(
            Survey(SurveySubject.Dossier, SatisfactionRating.Satisfied, Start, PhuLien),
            Survey(SurveySubject.Dossier, SatisfactionRating.VerySatisfied, Start, AnLaoHp),
            Survey(SurveySubject.Dossier, SatisfactionRating.Dissatisfied, Start, AnLaoHp),
            Survey(SurveySubject.Dossier, SatisfactionRating.Satisfied, Start, AnLaoGl));

        var country = await _silo.Reader.SnapshotAsync(Country);
        var haiPhong = await _silo.Reader.SnapshotAsync(new UnitKey(UnitLevel.City, "31"));
        var rate = KpiCatalog.Get("satisfaction.rate");

        rate.Evaluate(country[KpiWindow.Today], country.Gauges).Value.Should().Be(75.0);
        rate.Evaluate(haiPhong[KpiWindow.Today], haiPhong.Gauges).Value.Should().Be(66.67, "KPI values are rounded to two decimals");
    }

    [Fact]
    public async Task ProvincesForwardTheirSharesToTheCountryOnTheirTimerWithoutBeingAsked()
    {
        var country = _silo.Grains.GetGrain<ICountryGrain>(UnitCatalog.CountryCode);
        await country.GetTrend();

        await DeliverAsync(Call(Start, PhuLien), Call(Start, AnLaoGl), Call(Start, CuaNam));

        await Wait.UntilAsync(async () => (await country.GetTrend()).Slots.Sum(s => s.Counters[Counter.CallsOffered]) == 3);
    }

    [Fact]
    public async Task AProvinceReactivatedStartsANewIncarnationAndTheCountryCountsNothingTwice()
    {
        await DeliverAsync(Call(Start, PhuLien), Call(Start, AnLaoHp), Call(Start, AnLaoGl));
        var before = await _silo.Reader.SnapshotAsync(Country);

        await _silo.Cluster.DeactivateAsync(_silo.Grains.GetGrain<ICityGrain>("31"));
        await DeliverAsync(Call(Start, PhuLien));
        var after = await _silo.Reader.SnapshotAsync(Country);
        var haiPhong = await _silo.Reader.SnapshotAsync(new UnitKey(UnitLevel.City, "31"));

        before[KpiWindow.Today][Counter.CallsOffered].Should().Be(3);
        haiPhong[KpiWindow.Today][Counter.CallsOffered].Should().Be(3);
        after[KpiWindow.Today][Counter.CallsOffered].Should().Be(4);
    }

    [Fact]
    public async Task TheCountryReactivatedRebuildsFromTheProvinces()
    {
        await DeliverAsync(Call(Start, PhuLien), Call(Start, AnLaoGl));
        await _silo.Reader.SnapshotAsync(Country);

        await _silo.Cluster.DeactivateAsync(_silo.Grains.GetGrain<ICountryGrain>(UnitCatalog.CountryCode));
        await DeliverAsync(Call(Start, CuaNam));
        var after = await _silo.Reader.SnapshotAsync(Country);

        after[KpiWindow.Today][Counter.CallsOffered].Should().Be(3);
    }

    private static IOC.Grains.Fold.GrainSnapshot Province(IEnumerable<IOC.Grains.Fold.GrainSnapshot> provinces, string code) =>
        provinces.Single(p => p.Key.Code == code);

    private static UnitKey Ward(string code) => new(UnitLevel.Ward, code);

    private Task DeliverAsync(params IocEvent[] events)
    {
        var stored = _store.Store(events);
        _seq = stored[^1].Seq;
        return _silo.Delivery.DeliverAsync(stored, _seq);
    }
}
