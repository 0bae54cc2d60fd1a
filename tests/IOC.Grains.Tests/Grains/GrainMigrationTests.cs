using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Interfaces;
using IOC.Tests.Shared;
using IOC.Tests.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans;
using Orleans.Runtime;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.Grains;

/// <summary>
/// Units moved from one silo to another, as the cluster's activation rebalancer moves them (docs/cluster.md, "Where the
/// units live"): the unit saves its checkpoint as it leaves and rebuilds on the new silo from it and its own tail. The
/// city is immovable for the rebalancer, but moves all the same when its node dies; here it is moved by hand.
/// </summary>
public sealed class GrainMigrationTests : IAsyncLifetime
{
    private const string CuaNam = "00082";
    private const string HoanKiem = "00070";

    private static readonly DateTimeOffset Start = Local(2025, 7, 2, 10, 0);

    private readonly FakeTimeProvider _clock = new(Start.ToUniversalTime());
    private readonly MemoryUnitStore _store = new();
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(_clock, _store, _store, silos: 2);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task AWardMovedToAnotherSiloShowsTheSameFiguresAndGoesOnCounting()
    {
        await _silo.Reader.SnapshotAsync(UnitKey.City);
        await DeliverAsync(
            Received(Start.AddMinutes(-10), CuaNam, dossierId: "D1"), Received(Start.AddMinutes(-5), CuaNam, dossierId: "D2"),
            Call(Start, CuaNam), Call(Start, HoanKiem));
        await DeliverAsync(Completed(Start, CuaNam, "D1"), Call(Start, CuaNam));
        var ward = _silo.Grains.GetGrain<IWardGrain>(CuaNam);
        var before = await _silo.Reader.SnapshotAsync(Ward(CuaNam));
        var from = await HostOfAsync(ward);
        _store.TailReads.Clear();

        await _silo.Cluster.MigrateAsync(ward, OtherThan(from));

        (await HostOfAsync(ward)).Should().NotBe(from, "the ward now lives on the other silo");
        var after = await _silo.Reader.SnapshotAsync(Ward(CuaNam));
        foreach (var window in KpiWindows.All)
        {
            after[window].SameAs(before[window]).Should().BeTrue($"{window.ToWire()} is what it was before the move");
        }

        after.Gauges.Should().Be(before.Gauges);
        after.Gauges.OpenDossiers.Should().Be(1, "D2 is still open: the open work moved with the ward");
        _store.TailReads.Should().Equal([(Ward(CuaNam), 0)], "it saved everything as it left: the new activation's tail is empty");

        await DeliverAsync(Call(Start, CuaNam), Completed(Start, CuaNam, "D2"));
        var later = await _silo.Reader.SnapshotAsync(Ward(CuaNam));
        later[KpiWindow.Today][Counter.CallsOffered].Should().Be(3);
        later[KpiWindow.Today][Counter.DossiersCompleted].Should().Be(2);
        later.Gauges.OpenDossiers.Should().Be(0);
        await Wait.UntilAsync(async () => (await _silo.Reader.SnapshotAsync(UnitKey.City))[KpiWindow.Today][Counter.CallsOffered] == 4);
    }

    [Fact]
    public async Task TheCityMovedToAnotherSiloRebuildsFromItsContributorsAndCountsNothingTwice()
    {
        await DeliverAsync(Call(Start, CuaNam), Call(Start, HoanKiem), Document(Start, "VPTU"));
        var city = _silo.Grains.GetGrain<ICityGrain>(UnitCatalog.CityCode);
        await Wait.UntilAsync(async () => (await _silo.Reader.SnapshotAsync(UnitKey.City))[KpiWindow.Today][Counter.CallsOffered] == 2);
        var from = await HostOfAsync(city);

        await _silo.Cluster.MigrateAsync(city, OtherThan(from));
        await DeliverAsync(Call(Start, CuaNam));

        (await HostOfAsync(city)).Should().NotBe(from);
        await Wait.UntilAsync(async () => (await _silo.Reader.SnapshotAsync(UnitKey.City))[KpiWindow.Today][Counter.CallsOffered] == 3);
        var after = await _silo.Reader.SnapshotAsync(UnitKey.City);
        after[KpiWindow.Today][Counter.DocumentsProcessed].Should().Be(1);
    }

    private async Task<SiloAddress> HostOfAsync(IAddressable grain) =>
        await _silo.Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grain) ?? throw new InvalidOperationException("the grain is not active");

    private SiloAddress OtherThan(SiloAddress host) =>
        _silo.Cluster.Silos.Select(s => s.SiloAddress).First(s => !s.Equals(host));

    private Task DeliverAsync(params IocEvent[] events)
    {
        var stored = _store.Store(events);
        return _silo.Delivery.DeliverAsync(stored, stored[^1].Seq);
    }

    private static UnitKey Ward(string code) => new(UnitLevel.Ward, code);
}
