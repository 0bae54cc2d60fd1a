using IOC.Domain.Kpis;

namespace IOC.Review.Tests;

/// <summary>Builds counter sets by hand for the hand-computed cases.</summary>
public static class Counters
{
    public static CounterSet Of(params (Counter Counter, long Value)[] values)
    {
        var set = default(CounterSet);
        foreach (var (counter, value) in values)
        {
            set[counter] = value;
        }

        return set;
    }
}
