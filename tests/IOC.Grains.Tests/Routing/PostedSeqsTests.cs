using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Routing;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.Routing;

/// <summary>The fold cut: which inbox events a collect includes, exactly, even when batches are posted out of order.</summary>
public sealed class PostedSeqsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = Local(2025, 7, 2, 10, 0);

    private readonly GrainRouter _router = new(new GrainOptions { Shards = 2 });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _router.DisposeAsync();

    [Fact]
    public async Task ACollectIncludesEveryBatchPostedBeforeItAndNothingElse()
    {
        var first = _router.Seqs.Register(1, 2);
        await _router.PostAsync([Call(Now, "00082"), Call(Now, "00070")], first);
        var second = _router.Seqs.Register(3, 3);

        var collection = await _router.CollectAsync(Now, everything: false);

        collection.Cut.Should().Be(new FoldCut(2, []));
        collection.Reports.Sum(r => r.History.Sum(h => h.Delta!.Counters.Values.Sum(c => c[Counter.CallsReceived]))).Should().Be(2);
        second.Range.Should().Be(new SeqRange(3, 3));
    }

    [Fact]
    public async Task ABatchPostedAheadOfAnEarlierOneIsNamedBeyondTheCut()
    {
        var early = _router.Seqs.Register(1, 5);
        var late = _router.Seqs.Register(6, 8);
        await _router.PostAsync([Call(Now, "00082")], late);

        var before = (await _router.CollectAsync(Now, false)).Cut;
        await _router.PostAsync([Call(Now, "00070")], early);
        var after = (await _router.CollectAsync(Now, false)).Cut;

        before.Through.Should().Be(0);
        before.Beyond.Should().Equal(new SeqRange(6, 8));
        before.Includes(7).Should().BeTrue();
        before.Includes(3).Should().BeFalse();
        after.Should().Be(new FoldCut(8, []));
    }

    [Fact]
    public async Task BatchesPostedBehindAStuckOneMergeIntoOneRange()
    {
        _router.Seqs.Register(1, 5);
        foreach (var (first, last) in new[] { (6L, 8L), (9L, 9L), (10L, 14L), (20L, 21L) })
        {
            await _router.PostAsync([], _router.Seqs.Register(first, last));
        }

        var cut = (await _router.CollectAsync(Now, false)).Cut;

        cut.ToString().Should().Be("0 + 6-14,20-21");
    }

    [Fact]
    public async Task AResumedCutStartsFromTheCheckpointAndKeepsItsRangesUntilPassed()
    {
        _router.Seqs.Resume(FoldCut.Parse("10 + 15-20"));

        var resumed = (await _router.CollectAsync(Now, false)).Cut;
        await _router.PostAsync([], _router.Seqs.Register(11, 25));
        var passed = (await _router.CollectAsync(Now, false)).Cut;

        resumed.ToString().Should().Be("10 + 15-20");
        passed.ToString().Should().Be("25");
    }

    [Fact]
    public void ACutReadsBackFromItsText()
    {
        var cut = new FoldCut(120, [new SeqRange(131, 140), new SeqRange(150, 152)]);

        var text = cut.ToString();

        text.Should().Be("120 + 131-140,150-152");
        FoldCut.Parse(text).Through.Should().Be(120);
        FoldCut.Parse(text).Beyond.Should().Equal(cut.Beyond);
    }

    [Fact]
    public async Task RestoredGrainsAreCreatedOnTheirShards()
    {
        var key = new UnitKey(UnitLevel.Agency, "VPTU");

        await _router.RestoreAsync([(key, new IOC.Grains.State.RestoredState())]);
        var found = await _router.InspectAsync(key, g => g?.Key);

        found.Should().Be(key);
    }
}
