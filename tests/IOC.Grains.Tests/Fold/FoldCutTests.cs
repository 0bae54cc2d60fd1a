using IOC.Grains.Fold;

namespace IOC.Grains.Tests.Fold;

public sealed class FoldCutTests
{
    [Fact]
    public void ACutReadsBackFromItsText()
    {
        var cut = new FoldCut(120, [new SeqRange(131, 140), new SeqRange(150, 152)]);

        var text = cut.ToString();

        text.Should().Be("120 + 131-140,150-152");
        FoldCut.Parse(text).Should().Be(cut);
        FoldCut.Parse("7").Should().Be(new FoldCut(7, []));
    }

    [Fact]
    public void AdvancingDropsTheRangesItPassesAndNeverGoesBack()
    {
        var cut = new FoldCut(120, [new SeqRange(131, 140), new SeqRange(150, 152)]);

        var advanced = cut.Advance(145);

        advanced.Should().Be(new FoldCut(145, [new SeqRange(150, 152)]));
        advanced.Includes(151).Should().BeTrue();
        advanced.Includes(146).Should().BeFalse();
        advanced.Advance(10).Should().BeSameAs(advanced);
    }

    [Fact]
    public void AdvancingOntoARangeContinuesThroughIt()
    {
        var cut = new FoldCut(120, [new SeqRange(131, 140), new SeqRange(146, 152), new SeqRange(160, 170)]);

        cut.Advance(145).Should().Be(new FoldCut(152, [new SeqRange(160, 170)]));
        cut.Advance(135).Should().Be(new FoldCut(140, [new SeqRange(146, 152), new SeqRange(160, 170)]));
    }

    [Fact]
    public void IncludingRangesOfASharedInboxMergesNeighboursAndMovesThroughWhenTheyReachIt()
    {
        // Three nodes' batches arrive in no common order: 11-20 and 31-40 first, 21-30 next, 1-10 last.
        var cut = FoldCut.None.Include(new SeqRange(11, 20)).Include(new SeqRange(31, 40));
        cut.Should().Be(new FoldCut(0, [new SeqRange(11, 20), new SeqRange(31, 40)]));
        cut.Includes(15).Should().BeTrue();
        cut.Includes(25).Should().BeFalse();

        cut = cut.Include(new SeqRange(21, 30));
        cut.Should().Be(new FoldCut(0, [new SeqRange(11, 40)]));

        cut = cut.Include(new SeqRange(1, 10));
        cut.Should().Be(new FoldCut(40, []));
        cut.Include(new SeqRange(5, 8)).Should().BeSameAs(cut);
    }

    [Fact]
    public void ARangeOverlappingSeveralRangesJoinsThemAll()
    {
        var cut = new FoldCut(5, [new SeqRange(10, 12), new SeqRange(14, 16), new SeqRange(30, 31)]);

        var joined = cut.Include(new SeqRange(13, 20));

        joined.Should().Be(new FoldCut(5, [new SeqRange(10, 20), new SeqRange(30, 31)]));
        FoldCut.Parse(joined.ToString()).Should().Be(joined);
    }
}
