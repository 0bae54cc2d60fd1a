using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Publishing;
using IOC.Grains.Routing;
using IOC.Tests.Shared;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.Publishing;

/// <summary>What each tick hands the history writer: every unit's changes, the city's share, and the fold cut.</summary>
public sealed class HistoryChangesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = Local(2025, 7, 2, 10, 0);

    private readonly FakeClock _clock = new(Start);
    private readonly GrainRouter _router = new(new GrainOptions { Shards = 2 });
    private readonly SnapshotPublisher _publisher;
    private readonly List<HistoryChanges> _ticks = [];

    public HistoryChangesTests()
    {
        _publisher = new SnapshotPublisher(_router, _clock);
        _publisher.Subscribe(batch => _ticks.Add(batch.History!));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _router.DisposeAsync();

    [Fact]
    public async Task ATickHandsOverEveryUnitsChangesAndTheCitysShareOnce()
    {
        await _router.PostAsync(
            [Call(Start, "00082"), Call(Start, "00070", "TTPVHCC"), Document(Start, "VPTU"), Document(Start, "VPTU", unit: "00082")],
            _router.Seqs.Register(1, 4));

        await _publisher.RefreshAsync();
        await _publisher.RefreshAsync();

        var first = _ticks[0];
        first.Cut.Should().Be(new FoldCut(4, []));
        long Count(string unit, Counter counter) =>
            first.Units.Single(u => u.Key.ToString() == unit).Delta!.Counters.Values.Sum(c => c[counter]);
        Count("ward:00082", Counter.CallsReceived).Should().Be(1);
        Count("ward:00082", Counter.DocumentsProcessed).Should().Be(1);
        Count("agency:TTPVHCC", Counter.CallsReceived).Should().Be(1);
        Count("agency:VPTU", Counter.DocumentsProcessed).Should().Be(2);
        Count("city:01", Counter.CallsReceived).Should().Be(2);
        Count("city:01", Counter.DocumentsProcessed).Should().Be(2, "one through the ward, one the agency's own");
        _ticks[1].IsEmpty.Should().BeTrue();
        _ticks[1].Cut.Through.Should().Be(4);
    }

    [Fact]
    public async Task TheRestoredCityShowsItsSavedCountersWithoutHandingThemOver()
    {
        var day = default(CounterSet);
        day[Counter.CallsOffered] = 40;

        await _publisher.RestoreCityAsync(new IOC.Grains.State.RestoredState { Days = [(IOC.Domain.Time.VietnamTime.DayKey(Start), day)] });
        await _publisher.RefreshAsync();

        _publisher.Store.City[KpiWindow.Today][Counter.CallsOffered].Should().Be(40);
        _ticks.Single().Units.Should().BeEmpty();
        _publisher.Store.Get(new UnitKey(UnitLevel.Ward, "00082"))[KpiWindow.Today][Counter.CallsOffered].Should().Be(0);
    }
}
