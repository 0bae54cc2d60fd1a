using IOC.Domain.Kpis;

namespace IOC.Domain.Tests.Kpis;

public sealed class CounterSetTests
{
    [Fact]
    public void TheInlineArrayHasOneSlotPerCounter()
    {
        var counters = Enum.GetValues<Counter>();

        CounterSet.Size.Should().Be(counters.Length);
        counters.Select(c => (int)c).Should().Equal(Enumerable.Range(0, CounterSet.Size));
    }

    [Fact]
    public void AddSumsCounterByCounter()
    {
        var a = default(CounterSet);
        a[Counter.DossiersReceived] = 3;
        a[Counter.DocumentsSignedDigitally] = 1;
        var b = default(CounterSet);
        b[Counter.DossiersReceived] = 4;
        b[Counter.CallsOffered] = 2;

        a.Add(b);

        a[Counter.DossiersReceived].Should().Be(7);
        a[Counter.CallsOffered].Should().Be(2);
        a[Counter.DocumentsSignedDigitally].Should().Be(1);
        b[Counter.DossiersReceived].Should().Be(4);
    }

    [Fact]
    public void IsZeroAndSameAsLookAtEveryCounterIncludingTheLast()
    {
        var a = default(CounterSet);
        var b = default(CounterSet);
        b[Counter.DocumentsSignedDigitally] = 1;
        var zeroBefore = a.IsZero;
        var sameBefore = a.SameAs(b);

        a[Counter.DocumentsSignedDigitally] = 1;

        zeroBefore.Should().BeTrue();
        sameBefore.Should().BeFalse();
        a.IsZero.Should().BeFalse();
        a.SameAs(b).Should().BeTrue();
    }
}
