using IOC.Domain.Kpis;
using IOC.Domain.Targets;

namespace IOC.Review.Commitments;

/// <summary>
/// How far a value is from its target, counted in items: for a "≥ T%" rate, how many more of the same period's
/// items would have had to count (e.g. be full-process online) to reach T; for "≤ T%", how many fewer.
/// Zero when met; null when there is no data.
/// </summary>
public readonly record struct Gap(long? Items, bool Met);

/// <summary>One commitment judged over one period.</summary>
public sealed record CommitmentResult(Commitment Commitment, KpiValue Value, KpiStatus Status, Gap Gap)
{
    public static CommitmentResult Evaluate(Commitment commitment, in CounterSet counters, Gauges gauges)
    {
        var kpi = KpiCatalog.Get(commitment.Kpi);
        var value = kpi.Evaluate(counters, gauges);
        var target = commitment.ToTarget();
        var status = target.Evaluate(value.Value, kpi.Kind == KpiKind.Rate);
        return new CommitmentResult(commitment, value, status, GapOf(kpi.Kind, commitment, value));
    }

    internal static Gap GapOf(KpiKind kind, Commitment commitment, KpiValue value)
    {
        if (value.Value is not { } v)
        {
            return new Gap(null, false);
        }

        var atLeast = commitment.Direction == TargetDirection.AtLeast;
        if (atLeast ? v >= commitment.Value : v <= commitment.Value)
        {
            return new Gap(0, true);
        }

        if (kind != KpiKind.Rate || value.Numerator is not { } n || value.Denominator is not { } d)
        {
            // Counts and averages: the distance itself (e.g. 3 overdue dossiers too many).
            return new Gap((long)Math.Ceiling(Math.Abs(v - commitment.Value)), false);
        }

        // Same denominator: the smallest whole number of items that crosses the line. The epsilon keeps 95% of 200
        // (190.0000001 after floating point) from asking for one item too many.
        var needed = atLeast ? (commitment.Value / 100 * d) - n : n - (commitment.Value / 100 * d);
        return new Gap(Math.Max(1, (long)Math.Ceiling(needed - 1e-9)), false);
    }
}
