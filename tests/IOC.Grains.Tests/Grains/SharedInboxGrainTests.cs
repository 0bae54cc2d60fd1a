using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Messages;
using IOC.Tests.Silo;
using Microsoft.Extensions.Time.Testing;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.Grains;

/// <summary>
/// Unit grains fed by several nodes through a shared inbox (docs/cluster.md, "Checkpoints"): batches arrive as ranges in
/// no common order, some never arrive, and every stored event is still counted exactly once.
/// </summary>
public sealed class SharedInboxGrainTests : IAsyncLifetime
{
    private const string CuaNam = "00082";
    private const int TailReadMilliseconds = 1000;
    private static readonly DateTimeOffset Start = Local(2025, 7, 2, 10, 0);
    private static readonly UnitKey Ward = new(UnitLevel.Ward, CuaNam);

    private readonly FakeTimeProvider _clock = new(Start.ToUniversalTime());
    private readonly MemoryUnitStore _store = new();
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(_clock, _store, _store, tailReadMilliseconds: TailReadMilliseconds);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task BatchesOfSeveralNodesArrivingInAnyOrderAndTwiceCountEachEventOnce()
    {
        await CallsAsync();
        var a = Stored(10);
        var b = Stored(10);
        var c = Stored(10);

        await DeliverRangeAsync(b);
        await DeliverRangeAsync(c);
        await DeliverRangeAsync(a);
        await DeliverRangeAsync(b);

        (await CallsAsync()).Should().Be(30);
    }

    [Fact]
    public async Task ABatchWhoseNodeDiedBeforeDeliveringIsCountedByTheUnitsTailReadAndOnceWhenItArrivesLate()
    {
        await CallsAsync();
        var lost = Stored(10);
        var delivered = Stored(5);

        await DeliverRangeAsync(delivered);
        var before = await CallsAsync();
        await Wait.UntilAsync(async () =>
        {
            _clock.Advance(TimeSpan.FromMilliseconds(TailReadMilliseconds));
            return await CallsAsync() == 15;
        });
        await DeliverRangeAsync(lost);

        before.Should().BeLessThan(15, "the tail read had not run yet, or the test proves nothing");
        (await CallsAsync()).Should().Be(15);
        _store.TailReads.Should().Contain(r => r.Key == Ward && r.Events > 0);
    }

    private List<InboxEvent> Stored(int calls) => _store.Store([.. Enumerable.Range(0, calls).Select(_ => Call(Start, CuaNam))]);

    private Task DeliverRangeAsync(List<InboxEvent> batch) => _silo.Delivery.DeliverAsync(batch, batch[^1].Seq, batch[0].Seq);

    private async Task<long> CallsAsync() => (await _silo.Reader.SnapshotAsync(Ward))[KpiWindow.Today][Counter.CallsOffered];
}
