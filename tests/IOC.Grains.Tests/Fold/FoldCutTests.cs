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
}
