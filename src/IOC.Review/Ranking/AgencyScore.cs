using IOC.Domain.Targets;
using IOC.Review.Commitments;

namespace IOC.Review.Ranking;

/// <summary>An agency's overall standing: how much of its commitments it attained, and how many it met.</summary>
public sealed record AgencyScore(string Agency, double? Attainment, int Met, int WithData, int Total)
{
    /// <summary>
    /// Attainment = the mean, over the agency's commitments that have data, of min(value / target, 1) for "≥" targets
    /// and min(target / value, 1) for "≤" targets (a "≤ 0" target scores 1 at zero and 0 otherwise), as a percentage.
    /// Agencies promise different things (one KPI for the offices, three for the Service Center); a mean of
    /// attainments compares them on the same 0–100 scale. No data on any commitment: no score.
    /// </summary>
    public static AgencyScore From(string agency, IReadOnlyList<CommitmentResult> results)
    {
        var scored = results.Where(r => r.Value.Value is not null).Select(AttainmentOf).ToList();
        return new AgencyScore(
            agency,
            scored.Count == 0 ? null : 100 * scored.Average(),
            results.Count(r => r.Status == KpiStatus.Met),
            scored.Count,
            results.Count);
    }

    private static double AttainmentOf(CommitmentResult result)
    {
        var value = result.Value.Value!.Value;
        var target = result.Commitment.Value;
        if (result.Commitment.Direction == TargetDirection.AtLeast)
        {
            return target <= 0 ? 1 : Math.Clamp(value / target, 0, 1);
        }

        if (target <= 0)
        {
            return value <= 0 ? 1 : 0;
        }

        return value <= 0 ? 1 : Math.Clamp(target / value, 0, 1);
    }
}
