using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Review.Periods;
using IOC.Review.Ranking;

namespace IOC.Review.Psi;

/// <summary>A unit's estimate and, for a ward or a province, its rank among its peers (null: nothing measured, not ranked).</summary>
public sealed record PsiUnitResult(Unit Unit, PsiEstimate Estimate, int? Rank);

/// <summary>
/// A group as the report describes it: its formula (as the estimates state it) and for how many wards it came from the
/// feeds, was entered by hand, or was not measured.
/// </summary>
public sealed record PsiGroupSummary(PsiGroup Group, int MaxPoints, string FormulaVi, string FormulaEn, int WardsFed, int WardsManual, int WardsNotMeasured);

/// <summary>
/// The PSI estimate of every ward and agency over a period, the wards ranked best first. The ranking is on the score
/// scaled to 100 over the groups measured (<see cref="PsiEstimate.Scaled"/>), not on raw points: transparency is
/// missing for every ward until psi-manual.csv has it, so raw totals would be out of 82 for most wards and out of 100
/// for those with an entry, and a ward missing a fed group (no surveys, say) would fall behind for lack of data
/// rather than for poor service. Standard competition ranking on the scaled score to one decimal (ties share a rank,
/// the next rank skips); wards with nothing measured are not ranked and come last.
/// </summary>
public sealed record PsiReport(
    ReviewPeriod Period,
    DateTimeOffset AsOf,
    bool Running,
    IReadOnlyList<PsiUnitResult> Wards,
    IReadOnlyList<PsiUnitResult> Agencies)
{
    /// <summary>
    /// National mode: the 34 provinces ranked as the national portal ranks them, on the same five groups estimated from
    /// each province's own totals (its communes and its agencies' direct work), with the same ranking rules as the
    /// wards. Empty in a province deployment.
    /// </summary>
    public IReadOnlyList<PsiUnitResult> Provinces { get; init; } = [];

    /// <summary>The five groups with their formulas; transparency's says "entered by hand" once any unit has an entry.</summary>
    public IReadOnlyList<PsiGroupSummary> Groups => Enum.GetValues<PsiGroup>().Select(group =>
    {
        var scores = Wards.Concat(Agencies).Select(u => u.Estimate.Groups.Single(g => g.Group == group)).ToList();
        var shown = scores.FirstOrDefault(g => g.Source != PsiSource.NotMeasured) ?? scores.FirstOrDefault()
            ?? PsiEstimator.Estimate("", default).Groups.Single(g => g.Group == group);
        var wards = Wards.Select(w => w.Estimate.Groups.Single(g => g.Group == group).Source).ToList();
        return new PsiGroupSummary(group, shown.MaxPoints, shown.FormulaVi, shown.FormulaEn,
            wards.Count(s => s == PsiSource.Feeds), wards.Count(s => s == PsiSource.Manual), wards.Count(s => s == PsiSource.NotMeasured));
    }).ToList();

    public int Count(PsiBand band) => Wards.Count(w => w.Estimate.Band == band);

    /// <summary>Wards with no group measured in the period: no score, no band, no rank.</summary>
    public int Unmeasured => Wards.Count(w => w.Estimate.Band is null);

    /// <summary>Estimates each unit from its counters over the period (and its entered points) and ranks the wards.</summary>
    public static PsiReport Build(
        ReviewPeriod period,
        DateTimeOffset asOf,
        IReadOnlyList<(Unit Unit, CounterSet Counters)> wards,
        IReadOnlyList<(Unit Unit, CounterSet Counters)> agencies,
        PsiManualData manual,
        IReadOnlyList<(Unit Unit, CounterSet Counters)>? provinces = null)
    {
        var ranked = Rank(wards.Select(w => new PsiUnitResult(w.Unit, Estimate(w.Unit, w.Counters, manual, period), null)));
        var agencyResults = agencies.Select(a => new PsiUnitResult(a.Unit, Estimate(a.Unit, a.Counters, manual, period), null)).ToList();
        return new PsiReport(period, asOf, period.To > asOf, ranked, agencyResults)
        {
            Provinces = Rank((provinces ?? []).Select(p => new PsiUnitResult(p.Unit, Estimate(p.Unit, p.Counters, manual, period), null))),
        };
    }

    /// <summary>
    /// Ranks estimates among themselves (a province's communes when the page is filtered to one province): best scaled
    /// score first, ties to one decimal sharing a rank, unmeasured units last and unranked in their given order.
    /// </summary>
    public static IReadOnlyList<PsiUnitResult> Rank(IEnumerable<PsiUnitResult> units)
    {
        var list = units.ToList();
        var byCode = list.ToDictionary(u => u.Unit.Code);
        return CompetitionRanking.Rank(list.Select(u => (u.Unit.Code, u.Estimate.Scaled)), higherIsBetter: true)
            .Select(r => byCode[r.Key] with { Rank = r.Rank })
            .ToList();
    }

    private static PsiEstimate Estimate(Unit unit, CounterSet counters, PsiManualData manual, ReviewPeriod period) =>
        PsiEstimator.Estimate(unit.Code, counters, manual.For(unit.Key, period));
}
