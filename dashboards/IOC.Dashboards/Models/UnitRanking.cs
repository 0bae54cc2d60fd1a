using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Domain.Units;
using IOC.Live.KpiViews;

namespace IOC.Dashboards.Models;

public sealed record RankedUnit(int? Rank, Unit Unit, KpiFigure Figure);

/// <summary>
/// Every province of the country (or every commune of a province) ranked on one KPI, best first, as the national
/// portal ranks provinces: "better" follows the target's direction for the level (higher first for "≥", lower first
/// for "≤"; higher first with no target). Units with no value today come last, unranked. Ties: the larger volume
/// (denominator) first, since the same rate over more dossiers speaks for more people; then by code. Unlike the
/// wallboard's <see cref="WardRanking"/> nothing is left out: the national view lists all 34.
/// </summary>
public sealed record UnitRanking(string KpiId, IReadOnlyList<RankedUnit> Rows)
{
    public int WithoutData => Rows.Count(r => r.Rank is null);

    public static UnitRanking Rank(IEnumerable<(Unit Unit, UnitKpis Kpis)> units, string kpiId, TargetCatalog targets, UnitLevel level)
    {
        var lowerIsBetter = targets.Find(kpiId, new UnitKey(level, "")) is { Direction: TargetDirection.AtMost };
        var all = units.Select(u => (u.Unit, Figure: u.Kpis.Kpis[kpiId])).ToList();
        var withValue = all.Where(u => u.Figure.Value is not null);
        var ordered = (lowerIsBetter ? withValue.OrderBy(u => u.Figure.Value) : withValue.OrderByDescending(u => u.Figure.Value))
            .ThenByDescending(u => u.Figure.Denominator ?? 0)
            .ThenBy(u => u.Unit.Code, StringComparer.Ordinal)
            .Select((u, i) => new RankedUnit(i + 1, u.Unit, u.Figure));
        var rest = all.Where(u => u.Figure.Value is null).OrderBy(u => u.Unit.Code, StringComparer.Ordinal).Select(u => new RankedUnit(null, u.Unit, u.Figure));
        return new UnitRanking(kpiId, [.. ordered, .. rest]);
    }

    /// <summary>The KPI asked for when it is one of the ranking choices; the default otherwise.</summary>
    public static string Choose(string? kpi) => kpi is not null && WardRanking.Choices.Contains(kpi) ? kpi : WardRanking.DefaultKpi;
}
