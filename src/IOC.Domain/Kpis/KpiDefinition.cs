namespace IOC.Domain.Kpis;

public enum KpiKind
{
    /// <summary>Percentage 0–100: 100 × sum(numerator) / sum(denominator) over the window.</summary>
    Rate,

    /// <summary>A number of events in the window.</summary>
    Count,

    /// <summary>A number of open items right now (not windowed).</summary>
    Gauge,

    /// <summary>Mean in seconds: sum of milliseconds / count / 1000.</summary>
    AverageSeconds,
}

/// <summary>A KPI: its id on the wire, its formula as counters, and its names.</summary>
public sealed record KpiDefinition
{
    public required string Id { get; init; }

    public required string Group { get; init; }

    public required KpiKind Kind { get; init; }

    public required string NameVi { get; init; }

    public required string NameEn { get; init; }

    /// <summary>Counters summed into the numerator (or the counted value).</summary>
    public IReadOnlyList<Counter> Numerator { get; init; } = [];

    public Counter? Denominator { get; init; }

    public Func<Gauges, long>? Gauge { get; init; }

    public KpiValue Evaluate(in CounterSet counters, Gauges gauges)
    {
        switch (Kind)
        {
            case KpiKind.Gauge:
                return KpiValue.OfCount(Gauge!(gauges));
            case KpiKind.Count:
                return KpiValue.OfCount(Sum(counters));
        }

        var numerator = Sum(counters);
        var denominator = counters[Denominator!.Value];
        if (Kind == KpiKind.AverageSeconds)
        {
            var seconds = numerator / 1000.0;
            return new KpiValue(denominator == 0 ? null : Math.Round(seconds / denominator, 2), Math.Round(seconds, 3), denominator);
        }

        return new KpiValue(denominator == 0 ? null : Math.Round(100.0 * numerator / denominator, 2), numerator, denominator);
    }

    private long Sum(in CounterSet counters)
    {
        long sum = 0;
        foreach (var counter in Numerator)
        {
            sum += counters[counter];
        }

        return sum;
    }
}

/// <summary>A KPI's value. A rate with nothing to divide by has <see cref="Value"/> null, never 0 or 100.</summary>
public readonly record struct KpiValue(double? Value, double? Numerator, long? Denominator)
{
    public static KpiValue OfCount(long count) => new(count, null, null);
}
