using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Grains;
using IOC.Grains.Publishing;
using IOC.Grains.Routing;
using IOC.Tests.Shared;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.Publishing;

/// <summary>Ward, agency and city grains end to end: router (2 shards) → shards → publisher → store, on a fake clock.</summary>
public sealed class SnapshotPublisherTests : IAsyncLifetime
{
    // 00082 and 00004 live on shard 0, 00070 and 00025 on shard 1; VPTU on shard 0, TTPVHCC on shard 1.
    private const string CuaNam = "00082";
    private const string HoanKiem = "00070";
    private const string BaDinh = "00004";
    private const string Other = "00025";

    private static readonly DateTimeOffset Start = Local(2025, 7, 2, 10, 0);

    private readonly FakeClock _clock = new(Start);
    private readonly GrainRouter _router = new(new GrainOptions { Shards = 2 });
    private readonly SnapshotPublisher _publisher;

    public SnapshotPublisherTests()
    {
        _publisher = new SnapshotPublisher(_router, _clock);
    }

    private SnapshotStore Store => _publisher.Store;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _router.DisposeAsync();

    [Fact]
    public async Task CityTotalsEqualTheSumOfTheWardsInEveryWindow()
    {
        var events = new List<IocEvent>();
        events.AddRange(Enumerable.Range(0, 3).Select(_ => Received(Start, CuaNam)));
        events.AddRange(Enumerable.Range(0, 2).Select(_ => Received(Start.AddMinutes(-90), HoanKiem)));
        events.Add(Received(Start.AddMinutes(-5), BaDinh));
        events.Add(Call(Start, CuaNam));
        events.AddRange(Enumerable.Range(0, 2).Select(_ => Call(Start, HoanKiem)));
        events.AddRange(Enumerable.Range(0, 4).Select(_ => Call(Start, Other)));
        await _router.PostAsync(events);

        await _publisher.RefreshAsync();

        var wards = new[] { CuaNam, HoanKiem, BaDinh, Other };
        wards.Select(w => _router.Map.ShardOf(WardKey(w))).Distinct().Should().HaveCount(2);
        foreach (var window in KpiWindows.All)
        {
            var sum = default(CounterSet);
            foreach (var ward in wards)
            {
                sum.Add(Store.Get(WardKey(ward))[window]);
            }

            Store.City[window].SameAs(sum).Should().BeTrue($"the city's {window.ToWire()} is the sum of its wards");
        }

        Store.City[KpiWindow.Today][Counter.DossiersReceived].Should().Be(6);
        Store.City[KpiWindow.Last60Minutes][Counter.DossiersReceived].Should().Be(4);
        Store.City[KpiWindow.Today][Counter.CallsOffered].Should().Be(7);
        Store.Get(WardKey(Other))[KpiWindow.Today][Counter.CallsOffered].Should().Be(4);
    }

    [Theory]
    [InlineData("VPTU")]
    [InlineData("TTPVHCC")]
    public async Task AnEventWithAWardAndAnAgencyCountsOnceInEach(string agency)
    {
        var received = Received(Start, CuaNam, agency, dueAt: Start.AddHours(2));
        await _router.PostAsync([received, Call(Start, CuaNam, agency)]);

        await _publisher.RefreshAsync();

        foreach (var key in new[] { UnitKey.City, WardKey(CuaNam), AgencyKey(agency) })
        {
            var snapshot = Store.Get(key);
            snapshot[KpiWindow.Today][Counter.DossiersReceived].Should().Be(1, key.ToString());
            snapshot[KpiWindow.Today][Counter.CallsOffered].Should().Be(1, key.ToString());
            snapshot.Gauges.Should().Be(new Gauges(1, 0, 1, 0, 0), key.ToString());
        }
    }

    [Fact]
    public async Task AnAgencyOnlyEventCountsInTheCity()
    {
        await _router.PostAsync([Document(Start, "VPUBND"), Received(Start, null, "TTPVHCC", dueAt: Start.AddDays(3))]);

        await _publisher.RefreshAsync();

        Store.City[KpiWindow.Today][Counter.DocumentsProcessed].Should().Be(1);
        Store.City[KpiWindow.Today][Counter.DossiersReceived].Should().Be(1);
        Store.City.Gauges.OpenDossiers.Should().Be(1);
        Store.Get(AgencyKey("VPUBND"))[KpiWindow.Today][Counter.DocumentsDigital].Should().Be(1);
        Store.Get(AgencyKey("TTPVHCC"))[KpiWindow.Today][Counter.DossiersReceived].Should().Be(1);
    }

    [Fact]
    public async Task GaugesFollowTheClockWithoutAnyNewEvent()
    {
        await _router.PostAsync(
        [
            Received(Start, CuaNam, dossierId: "D1", dueAt: Start.AddMinutes(30)),
            Received(Start, HoanKiem, "TTPVHCC", dossierId: "D2", dueAt: Start.AddMinutes(45)),
            Received(Start, BaDinh, dossierId: "D3", dueAt: Start.AddHours(26)),
            TicketOpened(Start, Other, "T1", dueAt: Start.AddMinutes(20)),
        ]);
        await _publisher.RefreshAsync();
        var atStart = (Store.City.Gauges, Store.Get(WardKey(CuaNam)).Gauges);

        _clock.Advance(TimeSpan.FromMinutes(35));
        await _publisher.RefreshAsync();
        var after35Minutes = (Store.City.Gauges, Store.Get(WardKey(CuaNam)).Gauges);

        _clock.Advance(TimeSpan.FromHours(2.5));
        await _publisher.RefreshAsync();
        var afterThreeHours = (Store.City.Gauges, Store.Get(AgencyKey("TTPVHCC")).Gauges);

        atStart.Should().Be((new Gauges(3, 0, 2, 1, 0), new Gauges(1, 0, 1, 0, 0)));
        after35Minutes.Should().Be((new Gauges(3, 1, 1, 1, 1), new Gauges(1, 1, 0, 0, 0)));
        afterThreeHours.Should().Be((new Gauges(3, 2, 1, 1, 1), new Gauges(1, 1, 0, 0, 0)), "D3 is now due within 24 h");
    }

    [Fact]
    public async Task CompletingAnOverdueDossierRemovesItFromOverdue()
    {
        await _router.PostAsync(
        [
            Received(Start, CuaNam, "VPTU", dossierId: "D1", dueAt: Start.AddMinutes(30)),
            Received(Start, CuaNam, dossierId: "D2", dueAt: Start.AddMinutes(30)),
        ]);
        _clock.Advance(TimeSpan.FromMinutes(40));
        await _publisher.RefreshAsync();
        var overdue = Store.City.Gauges.OverdueDossiers;

        await _router.PostAsync([Completed(_clock.GetUtcNow(), CuaNam, "D1", Start.AddMinutes(30), "VPTU")]);
        await _publisher.RefreshAsync();

        overdue.Should().Be(2);
        Store.City.Gauges.Should().Be(new Gauges(1, 1, 0, 0, 0));
        Store.Get(WardKey(CuaNam)).Gauges.Should().Be(new Gauges(1, 1, 0, 0, 0));
        Store.Get(AgencyKey("VPTU")).Gauges.Should().Be(default(Gauges));
        Store.City[KpiWindow.Today][Counter.DossiersCompletedLate].Should().Be(1);
    }

    [Fact]
    public async Task OnlyChangedGrainsArePublished()
    {
        var batches = new List<SnapshotBatch>();
        using var subscription = _publisher.Subscribe(batches.Add);

        await _router.PostAsync([Call(Start, CuaNam)]);
        await _publisher.RefreshAsync();
        await _router.PostAsync([Call(Start, HoanKiem)]);
        await _publisher.RefreshAsync();
        await _publisher.RefreshAsync();
        _clock.Advance(TimeSpan.FromMinutes(2));
        await _publisher.RefreshAsync();
        _clock.Advance(TimeSpan.FromMinutes(59));
        await _publisher.RefreshAsync();

        batches.Select(b => b.Changed.Select(s => s.Key.ToString()).Order().ToArray()).Should().BeEquivalentTo(
            new[]
            {
                new[] { "city:01", "ward:00082" },
                new[] { "city:01", "ward:00070" },
                [],
                [],
                new[] { "city:01", "ward:00070", "ward:00082" },
            },
            options => options.WithStrictOrdering());
        batches[0].Changed.Single(s => s.Key == WardKey(CuaNam))[KpiWindow.Today][Counter.CallsOffered].Should().Be(1);
        batches[4].Changed.Single(s => s.Key == UnitKey.City)[KpiWindow.Last60Minutes][Counter.CallsOffered].Should().Be(0);
        batches.Select(b => b.AsOf).Should().Equal(Start, Start, Start, Start.AddMinutes(2), Start.AddMinutes(61));
    }

    [Fact]
    public async Task RefreshGivesReadYourWrites()
    {
        await _router.PostAsync(Enumerable.Range(0, 100).Select(i => (IocEvent)Call(Start, i % 2 == 0 ? CuaNam : HoanKiem)).ToList());

        await _publisher.RefreshAsync();

        Store.City[KpiWindow.Today][Counter.CallsOffered].Should().Be(100);
        Store.Get(WardKey(CuaNam))[KpiWindow.Today][Counter.CallsOffered].Should().Be(50);
    }

    [Fact]
    public async Task ConcurrentWritersEachReadTheirOwnWritesAfterRefresh()
    {
        var wards = Seed.Units.Wards.Take(24).Select(w => w.Code).ToArray();

        var seen = await Task.WhenAll(wards.Select(async ward =>
        {
            await Task.Yield();
            await _router.PostAsync([Call(Start, ward), Call(Start, ward)]);
            await _publisher.RefreshAsync();
            return Store.Get(WardKey(ward))[KpiWindow.Today][Counter.CallsOffered];
        }));

        seen.Should().AllSatisfy(count => count.Should().Be(2));
        await _publisher.RefreshAsync();
        Store.City[KpiWindow.Today][Counter.CallsOffered].Should().Be(48);
    }

    [Fact]
    public async Task ASubscriberThatThrowsDoesNotStopTheOthers()
    {
        var first = new List<SnapshotBatch>();
        var last = new List<SnapshotBatch>();
        var errors = new List<Exception>();
        _publisher.OnSubscriberError = errors.Add;
        using var a = _publisher.Subscribe(first.Add);
        using var b = _publisher.Subscribe(_ => throw new InvalidOperationException("broken page"));
        using var c = _publisher.Subscribe(last.Add);
        await _router.PostAsync([Call(Start, CuaNam)]);

        await _publisher.RefreshAsync();
        await _router.PostAsync([Call(Start, CuaNam)]);
        await _publisher.RefreshAsync();

        first.Should().HaveCount(2);
        last.Should().HaveCount(2);
        errors.Should().HaveCount(2).And.AllSatisfy(e => e.Message.Should().Be("broken page"));
        Store.City[KpiWindow.Today][Counter.CallsOffered].Should().Be(2);
    }

    [Fact]
    public async Task AnUnsubscribedCallbackIsNotCalledAgain()
    {
        var batches = new List<SnapshotBatch>();
        var subscription = _publisher.Subscribe(batches.Add);
        await _publisher.RefreshAsync();

        subscription.Dispose();
        await _publisher.RefreshAsync();

        batches.Should().HaveCount(1);
        _publisher.Ticks.Should().Be(2);
    }

    [Fact]
    public async Task TodayRollsOverAtLocalMidnightInTheStore()
    {
        _clock.Set(Local(2025, 7, 1, 23, 50));
        await _router.PostAsync([Call(Local(2025, 7, 1, 23, 50), CuaNam)]);
        await _publisher.RefreshAsync();
        var beforeMidnight = Store.City[KpiWindow.Today][Counter.CallsOffered];

        _clock.Set(Local(2025, 7, 2, 0, 1));
        await _publisher.RefreshAsync();

        beforeMidnight.Should().Be(1);
        KpiWindows.All.Select(w => Store.City[w][Counter.CallsOffered]).Should().Equal(0, 1, 1, 1);
        KpiWindows.All.Select(w => Store.Get(WardKey(CuaNam))[w][Counter.CallsOffered]).Should().Equal(0, 1, 1, 1);
    }

    [Fact]
    public async Task AUnitWithoutEventsReadsAsEmptyAsOfTheLastTick()
    {
        await _publisher.RefreshAsync();

        var snapshot = Store.Get(WardKey(Other));

        snapshot.AsOf.Should().Be(Start);
        snapshot[KpiWindow.Today].IsZero.Should().BeTrue();
        snapshot.Gauges.Should().Be(default(Gauges));
        Store.LastTick.Should().Be(Start);
    }

    private static UnitKey WardKey(string code) => new(UnitLevel.Ward, code);

    private static UnitKey AgencyKey(string code) => new(UnitLevel.Agency, code);
}
