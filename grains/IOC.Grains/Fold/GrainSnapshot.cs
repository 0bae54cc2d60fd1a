using IOC.Domain.Kpis;
using IOC.Domain.Units;
using Orleans;

namespace IOC.Grains.Fold;

/// <summary>An immutable picture of one grain at one instant: counters per window and the gauges.</summary>
[GenerateSerializer, Immutable, Alias("ioc.GrainSnapshot")]
public sealed record GrainSnapshot(
    [property: Id(0)] UnitKey Key,
    [property: Id(1)] DateTimeOffset AsOf,
    [property: Id(2)] WindowCounters Windows,
    [property: Id(3)] Gauges Gauges)
{
    public static GrainSnapshot Empty(UnitKey key, DateTimeOffset asOf) => new(key, asOf, default, default);

    public CounterSet this[KpiWindow window] => Windows[(int)window];

    /// <summary>True when nothing a user can see differs (the time alone does not count as a change).</summary>
    public bool SameFiguresAs(GrainSnapshot? other)
    {
        if (other is null || Gauges != other.Gauges)
        {
            return false;
        }

        for (var i = 0; i < WindowCounters.Size; i++)
        {
            if (!Windows[i].SameAs(other.Windows[i]))
            {
                return false;
            }
        }

        return true;
    }
}

[System.Runtime.CompilerServices.InlineArray(Size)]
public struct WindowCounters
{
    public const int Size = 5;

    private CounterSet _first;

    public static WindowCounters From(Func<KpiWindow, CounterSet> counters)
    {
        var result = default(WindowCounters);
        foreach (var window in KpiWindows.All)
        {
            result[(int)window] = counters(window);
        }

        return result;
    }
}
