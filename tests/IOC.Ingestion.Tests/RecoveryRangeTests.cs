using IOC.Domain.Kpis;
using IOC.Grains.Routing;
using IOC.Tests.Shared;
using Microsoft.Extensions.Time.Testing;
using static IOC.Ingestion.Tests.SampleEvents;

namespace IOC.Ingestion.Tests;

/// <summary>Inbox sequence numbers reach the fold cut, and a restart can replay only the tail after a checkpoint.</summary>
public sealed class RecoveryRangeTests : IAsyncLifetime
{
    private readonly IngestionPipeline _pipeline = new(new FakeTimeProvider(Now.ToUniversalTime()));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _pipeline.DisposeAsync().AsTask();

    [Fact]
    public void TheInboxNumbersNewItemsInOrderAndDuplicatesGetZero()
    {
        var (_, _, inbox, _) = _pipeline.Start();

        var first = inbox.AppendReturningSeqs([("a", "A"), ("b", "B")]);
        var second = inbox.AppendReturningSeqs([("b", "B again"), ("c", "C"), ("c", "C again")]);

        first.Should().Equal(1, 2);
        second.Should().Equal(0, 3, 0);
    }

    [Fact]
    public async Task ACollectAfterIngestionIncludesEveryAcknowledgedSequence()
    {
        var (service, _, _, router) = _pipeline.Start();
        await service.IngestAsync(Array(Valid("hotline.call", "h1"), Valid("hotline.call", "h2")), ndjson: false);
        await service.IngestAsync(Array(Valid("hotline.call", "h2"), Valid("hotline.call", "h3")), ndjson: false);

        var cut = (await router.CollectAsync(Now, everything: false)).Cut;

        cut.Should().Be(new FoldCut(3, []));
    }

    [Fact]
    public async Task ARecoveryReplaysOnlyTheTailAfterTheCheckpointMinusWhatItSkips()
    {
        var (service, _, inbox, _) = _pipeline.Start();
        await service.IngestAsync(Array(Enumerable.Range(1, 6).Select(i => Valid("hotline.call", $"h{i}")).ToArray()), ndjson: false);
        inbox.Dispose();
        service.Dispose();

        var (restarted, publisher, _, router) = _pipeline.Start();
        router.Seqs.Resume(FoldCut.Parse("2 + 5-5"));
        await restarted.RecoverAsync(new IOC.Ingestion.InboxRange(2, Skip: seq => seq == 5));
        await publisher.RefreshAsync();
        var cut = (await router.CollectAsync(Now, false)).Cut;

        restarted.RecoveredEvents.Should().Be(3, "seqs 3, 4 and 6");
        publisher.Store.City[KpiWindow.Today][Counter.CallsReceived].Should().Be(3);
        cut.Should().Be(new FoldCut(6, []));
    }

    [Fact]
    public async Task ARecoveryCanStopAtASequence()
    {
        var (service, _, inbox, _) = _pipeline.Start();
        await service.IngestAsync(Array(Enumerable.Range(1, 4).Select(i => Valid("hotline.call", $"h{i}")).ToArray()), ndjson: false);
        inbox.Dispose();
        service.Dispose();

        var (restarted, _, _, router) = _pipeline.Start();
        await restarted.RecoverAsync(new IOC.Ingestion.InboxRange(0, ThroughSeq: 3));
        var cut = (await router.CollectAsync(Now, false)).Cut;

        restarted.RecoveredEvents.Should().Be(3);
        cut.Through.Should().Be(3);
    }
}
