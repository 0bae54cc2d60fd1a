using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Interfaces;
using IOC.Grains.Messages;
using IOC.Tests.Shared;
using Microsoft.Extensions.Time.Testing;
using IOC.Tests.Silo;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.Grains;

/// <summary>Ward, agency, direct-work and city grains on a real Orleans silo (Orleans' InProcessTestCluster), on a fake clock.</summary>
public sealed class GrainClusterTests : IAsyncLifetime
{
    private const string CuaNam = "00082";
    private const string HoanKiem = "00070";
    private const string BaDinh = "00004";

    private static readonly DateTimeOffset Start = Local(2025, 7, 2, 10, 0);

    private readonly FakeTimeProvider _clock = new(Start.ToUniversalTime());
    private readonly MemoryUnitStore _store = new();
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(_clock, _store, _store);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task CityTotalsEqualTheSumOfTheWardsInEveryWindow()
    {
        var events = new List<IocEvent>();
        events.AddRange(Enumerable.Range(0, 3).Select(_ => Received(Start, CuaNam)));
        events.AddRange(Enumerable.Range(0, 2).Select(_ => Received(Start.AddMinutes(-90), HoanKiem)));
        events.Add(Received(Start.AddMinutes(-5), BaDinh));
        events.AddRange(Enumerable.Range(0, 2).Select(_ => Call(Start, HoanKiem)));

        await DeliverAsync([.. events]);

        var wards = await Task.WhenAll(new[] { CuaNam, HoanKiem, BaDinh }.Select(w => _silo.Reader.SnapshotAsync(Ward(w))));
        var city = await _silo.Reader.SnapshotAsync(UnitKey.City);
        foreach (var window in KpiWindows.All)
        {
            var sum = default(CounterSet);
            foreach (var ward in wards)
            {
                sum.Add(ward[window]);
            }

            city[window].SameAs(sum).Should().BeTrue($"the city's {window.ToWire()} is the sum of its wards");
        }

        city[KpiWindow.Today][Counter.DossiersReceived].Should().Be(6);
        city[KpiWindow.Last60Minutes][Counter.DossiersReceived].Should().Be(4);
        city[KpiWindow.Today][Counter.CallsOffered].Should().Be(2);
    }

    [Theory]
    [InlineData("VPTU")]
    [InlineData("TTPVHCC")]
    public async Task AnEventWithAWardAndAnAgencyCountsOnceInEach(string agency)
    {
        await DeliverAsync(Received(Start, CuaNam, agency, dueAt: Start.AddHours(2)), Call(Start, CuaNam, agency));

        var ward = await _silo.Reader.SnapshotAsync(Ward(CuaNam));
        var office = await _silo.Reader.SnapshotAsync(new UnitKey(UnitLevel.Agency, agency));
        var city = await _silo.Reader.SnapshotAsync(UnitKey.City);

        foreach (var snapshot in new[] { ward, office, city })
        {
            snapshot[KpiWindow.Today][Counter.DossiersReceived].Should().Be(1, snapshot.Key.ToString());
            snapshot[KpiWindow.Today][Counter.CallsOffered].Should().Be(1, snapshot.Key.ToString());
            snapshot.Gauges.OpenDossiers.Should().Be(1, snapshot.Key.ToString());
        }
    }

    [Fact]
    public async Task AnAgencyOnlyEventCountsInTheCityThroughItsDirectWork()
    {
        await DeliverAsync(Document(Start, "VPTU"), Received(Start.AddDays(-5), null, "TTPVHCC", dueAt: Start.AddHours(-1)));

        var city = await _silo.Reader.SnapshotAsync(UnitKey.City);
        var agency = await _silo.Reader.SnapshotAsync(new UnitKey(UnitLevel.Agency, "VPTU"));

        city[KpiWindow.Today][Counter.DocumentsProcessed].Should().Be(1);
        city.Gauges.Should().Be(new Gauges(OpenDossiers: 1, OverdueDossiers: 1, DueSoonDossiers: 0, OpenTickets: 0, OverdueTickets: 0));
        agency[KpiWindow.Today][Counter.DocumentsProcessed].Should().Be(1);
    }

    [Fact]
    public async Task GaugesFollowTheClockWithoutAnyNewEvent()
    {
        await DeliverAsync(Received(Start, CuaNam, dueAt: Start.AddHours(30)), TicketOpened(Start, CuaNam, "T1", dueAt: Start.AddHours(1)));
        var before = await _silo.Reader.SnapshotAsync(UnitKey.City);

        _clock.Advance(TimeSpan.FromHours(7));
        var after = await _silo.Reader.SnapshotAsync(UnitKey.City);

        before.Gauges.Should().Be(new Gauges(1, 0, 0, 1, 0));
        after.Gauges.Should().Be(new Gauges(1, 0, 1, 1, 1));
    }

    [Fact]
    public async Task ABatchDeliveredAgainCountsNothingTwice()
    {
        IocEvent[] batch = [Call(Start, CuaNam), Received(Start, CuaNam, "VPTU")];

        await _silo.DeliverAsync(1, batch);
        await _silo.DeliverAsync(1, batch);

        var city = await _silo.Reader.SnapshotAsync(UnitKey.City);
        (city[KpiWindow.Today][Counter.CallsOffered], city[KpiWindow.Today][Counter.DossiersReceived]).Should().Be((1L, 1L));
        (await _silo.Reader.SnapshotAsync(new UnitKey(UnitLevel.Agency, "VPTU")))[KpiWindow.Today][Counter.DossiersReceived].Should().Be(1);
    }

    [Fact]
    public async Task TheCityMergesWardSharesOnItsTimerWithoutBeingAsked()
    {
        var city = _silo.Grains.GetGrain<ICityGrain>(UnitCatalog.CityCode);
        await city.GetTrend();

        await DeliverAsync(Call(Start, CuaNam), Call(Start, HoanKiem));

        await Wait.UntilAsync(async () => (await city.GetTrend()).Slots.Sum(s => s.Counters[Counter.CallsOffered]) == 2);
    }

    [Fact]
    public async Task AWardReactivatedAfterALostSaveRebuildsTheSameFiguresFromItsCheckpointAndItsOwnTail()
    {
        await _silo.Reader.SnapshotAsync(UnitKey.City);
        await DeliverAsync(Received(Start.AddMinutes(-10), CuaNam, dossierId: "D1"), Call(Start, CuaNam), Call(Start, HoanKiem));
        await _silo.Grains.GetGrain<IWardGrain>(CuaNam).Flush();
        await _store.SaveAsync(default);
        _store.LoseChanges = true;
        await DeliverAsync(Completed(Start, CuaNam, "D1"), Call(Start, CuaNam));
        var before = await _silo.Reader.SnapshotAsync(Ward(CuaNam));
        var checkpoint = _store.CheckpointOf(Ward(CuaNam));
        _store.TailReads.Clear();

        await _silo.Cluster.DeactivateAsync(_silo.Grains.GetGrain<IWardGrain>(CuaNam));
        _store.LoseChanges = false;
        var after = await _silo.Reader.SnapshotAsync(Ward(CuaNam));

        checkpoint.Through.Should().Be(3);
        foreach (var window in KpiWindows.All)
        {
            after[window].SameAs(before[window]).Should().BeTrue(window.ToWire());
        }

        after.Gauges.Should().Be(before.Gauges);
        after[KpiWindow.Today][Counter.CallsOffered].Should().Be(2);
        after.Gauges.OpenDossiers.Should().Be(0);
        _store.TailReads.Should().Equal((Ward(CuaNam), 2));
    }

    [Fact]
    public async Task TheCityReactivatedRebuildsFromItsContributorsAndCountsNothingTwice()
    {
        await DeliverAsync(Call(Start, CuaNam), Call(Start, HoanKiem), Document(Start, "VPTU"));
        var before = await _silo.Reader.SnapshotAsync(UnitKey.City);

        await _silo.Cluster.DeactivateAsync(_silo.Grains.GetGrain<ICityGrain>(UnitCatalog.CityCode));
        await DeliverAsync(Call(Start, BaDinh));
        var after = await _silo.Reader.SnapshotAsync(UnitKey.City);

        before[KpiWindow.Today][Counter.CallsOffered].Should().Be(2);
        after[KpiWindow.Today][Counter.CallsOffered].Should().Be(3);
        after[KpiWindow.Today][Counter.DocumentsProcessed].Should().Be(1);
    }

    [Fact]
    public async Task AnEventOutsideTheCalendarIsSetAsideAndTheUnitGoesOn()
    {
        var poison = Call(Start, CuaNam) with { At = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero) };

        await DeliverAsync(poison, Call(Start, CuaNam));

        (await _silo.Reader.SnapshotAsync(Ward(CuaNam)))[KpiWindow.Today][Counter.CallsOffered].Should().Be(1);
        _silo.Quarantine.Count.Should().Be(1);
        _silo.Quarantine.Latest().Single().EventId.Should().Be(poison.Id);
    }

    [Fact]
    public async Task OpenWorkListsTheItemsWhoseIdsStartWithThePrefix()
    {
        await DeliverAsync(
            Received(Start, CuaNam, "VPTU", dossierId: "sim-1-D1"),
            Received(Start, CuaNam, dossierId: "other"),
            TicketOpened(Start, CuaNam, "sim-1-T1"));

        var work = await _silo.Grains.GetGrain<IWardGrain>(CuaNam).GetOpenWork("sim-");
        var due = await _silo.Grains.GetGrain<IWardGrain>(CuaNam).GetOpenDossiers(Start.AddDays(3));

        work.Dossiers.Select(d => d.DossierId).Should().Equal("sim-1-D1");
        work.Tickets.Select(t => t.TicketId).Should().Equal("sim-1-T1");
        due.Select(d => d.DossierId).Should().BeEquivalentTo(["sim-1-D1", "other"]);
    }

    private long _seq;

    private Task DeliverAsync(params IocEvent[] events)
    {
        var stored = _store.Store(events);
        _seq = stored[^1].Seq;
        return _silo.Delivery.DeliverAsync(stored, _seq);
    }

    private static UnitKey Ward(string code) => new(UnitLevel.Ward, code);
}
