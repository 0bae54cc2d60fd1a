using IOC.Grains.Fold;

namespace IOC.Grains.Tests.Fold;

public sealed class ProcedurePoolTests
{
    [Fact]
    public void EqualCodesComeBackAsOneSharedCopy()
    {
        var pool = new ProcedurePool(capacity: 10);
        var first = new string("1.001234".AsSpan());
        var second = new string("1.001234".AsSpan());

        var shared = pool.Share(first);

        pool.Share(second).Should().BeSameAs(shared);
        shared.Should().Be("1.001234");
        pool.Count.Should().Be(1);
    }

    [Fact]
    public void AFullPoolKeepsTheCodesItHoldsAndGivesANewCodeBackWithoutGrowing()
    {
        var pool = new ProcedurePool(capacity: 3);
        var held = Enumerable.Range(0, 3).Select(i => pool.Share($"1.00000{i}")).ToList();

        // A producer sending ever new codes (a bug, or garbage that passed the pattern) must not grow memory for ever.
        for (var i = 0; i < 10_000; i++)
        {
            var code = $"2.{i:000000}";
            pool.Share(code).Should().BeSameAs(code);
        }

        pool.Count.Should().Be(3);
        pool.Share(new string("1.000001".AsSpan())).Should().BeSameAs(held[1]);
    }

    [Fact]
    public void ThreadsSharingAtOnceNeverPassTheBoundByMoreThanOneEach()
    {
        var pool = new ProcedurePool(capacity: 100);

        Parallel.For(0, 8, t =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                pool.Share($"{t}.{i:000000}");
            }
        });

        pool.Count.Should().BeInRange(100, 108);
    }
}
