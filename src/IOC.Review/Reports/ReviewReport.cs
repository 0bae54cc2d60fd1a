using IOC.Domain.Targets;
using IOC.Domain.Units;
using IOC.Review.Commitments;
using IOC.Review.Periods;
using IOC.Review.Ranking;

namespace IOC.Review.Reports;

/// <summary>
/// The competition review for one period: every agency's commitments judged, ranked per KPI and overall. The page,
/// the PDF and the Excel export are all drawn from this one object, so they cannot disagree.
/// </summary>
/// <param name="AsOf">When it was read; a period still running is judged on what happened up to then.</param>
/// <param name="Kpis">The KPIs committed to, in agreement order: the rows of the side-by-side table.</param>
public sealed record ReviewReport(ReviewPeriod Period, DateTimeOffset AsOf, bool Running, IReadOnlyList<string> Kpis, IReadOnlyList<AgencyReview> Agencies)
{
    /// <summary>The cell of the side-by-side table: this agency's commitment on this KPI, if it made one.</summary>
    public CommitmentReview? Cell(string agency, string kpi) =>
        Agencies.FirstOrDefault(a => a.Agency.Code == agency)?.Commitments.FirstOrDefault(c => c.Result.Commitment.Kpi == kpi);

    /// <summary>The commitment a row stands for: its published wording is the same for every agency that made it.</summary>
    public Commitment CommitmentOn(string kpi) =>
        Agencies.SelectMany(a => a.Commitments).First(c => c.Result.Commitment.Kpi == kpi).Result.Commitment;

    /// <summary>How many agencies committed to a KPI (the "of n" of its ranks).</summary>
    public int CommittedTo(string kpi) => Agencies.Count(a => a.Commitments.Any(c => c.Result.Commitment.Kpi == kpi));

    /// <summary>
    /// Whether two or more agencies committed to a KPI, so that a rank on it says something. "Hạng 1/1" on a
    /// commitment only one agency holds adds nothing: the page, the PDF and the workbook show no rank there (the JSON
    /// still has rank and rankedOf).
    /// </summary>
    public bool Contested(string kpi) => CommittedTo(kpi) > 1;
}

/// <param name="Rank">Overall rank by attainment; null when the agency has no data on any commitment.</param>
public sealed record AgencyReview(Unit Agency, AgencyScore Score, int? Rank, IReadOnlyList<CommitmentReview> Commitments);

/// <param name="Rank">Rank among the agencies committed to the same KPI; null without data.</param>
/// <param name="Trend">The KPI per day (per month for periods longer than a quarter), up to the last day read.</param>
public sealed record CommitmentReview(CommitmentResult Result, int? Rank, IReadOnlyList<TrendPoint> Trend)
{
    public string GapVi => GapText.Vietnamese(Result);

    public string GapEn => GapText.English(Result);
}

/// <param name="Start">First day of the point (a day, or the first of a month).</param>
/// <param name="Value">Null: nothing to divide by then.</param>
public sealed record TrendPoint(DateOnly Start, double? Value);
