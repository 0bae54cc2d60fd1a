using IOC.Domain.Kpis;
using IOC.Grains.Fold;
using Orleans;

namespace IOC.Grains.Serialization;

// CounterSet and WindowCounters are inline arrays (flat, pointer-free buckets), which Orleans' generated codecs cannot
// walk field by field; between silos they travel as plain arrays. Within a silo nothing is copied: the messages that
// carry them are [Immutable].

[GenerateSerializer, Alias("ioc.CounterSet")]
public struct CounterSetSurrogate
{
    [Id(0)]
    public long[] Values;
}

[RegisterConverter]
public sealed class CounterSetConverter : IConverter<CounterSet, CounterSetSurrogate>
{
    public CounterSet ConvertFromSurrogate(in CounterSetSurrogate surrogate)
    {
        var counters = default(CounterSet);
        var values = surrogate.Values ?? [];
        for (var i = 0; i < Math.Min(values.Length, CounterSet.Size); i++)
        {
            counters[i] = values[i];
        }

        return counters;
    }

    public CounterSetSurrogate ConvertToSurrogate(in CounterSet value)
    {
        var values = new long[CounterSet.Size];
        for (var i = 0; i < CounterSet.Size; i++)
        {
            values[i] = value[i];
        }

        return new CounterSetSurrogate { Values = values };
    }
}

[GenerateSerializer, Alias("ioc.WindowCounters")]
public struct WindowCountersSurrogate
{
    [Id(0)]
    public CounterSet[] Windows;
}

[RegisterConverter]
public sealed class WindowCountersConverter : IConverter<WindowCounters, WindowCountersSurrogate>
{
    public WindowCounters ConvertFromSurrogate(in WindowCountersSurrogate surrogate)
    {
        var windows = default(WindowCounters);
        var values = surrogate.Windows ?? [];
        for (var i = 0; i < Math.Min(values.Length, WindowCounters.Size); i++)
        {
            windows[i] = values[i];
        }

        return windows;
    }

    public WindowCountersSurrogate ConvertToSurrogate(in WindowCounters value)
    {
        var windows = new CounterSet[WindowCounters.Size];
        for (var i = 0; i < WindowCounters.Size; i++)
        {
            windows[i] = value[i];
        }

        return new WindowCountersSurrogate { Windows = windows };
    }
}
