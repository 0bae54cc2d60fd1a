using IOC.Domain.Targets;
using IOC.Domain.Units;
using IOC.Live.KpiViews;

namespace IOC.Dashboards.Models;

public sealed record WardRow(int Rank, Unit Ward, KpiFigure Figure);

/// <summary>The weakest wards on one KPI, and how many wards had nothing to rank.</summary>
public sealed record WardRanking(string KpiId, IReadOnlyList<WardRow> Rows, int WithoutData)
{
    /// <summary>KPIs a leader can rank wards by: each has a ward-level target, which also says which way is better.</summary>
    public static readonly IReadOnlyList<string> Choices =
    [
        "dossier.onTimeRate",
        "dossier.onlineRate",
        "dossier.fullProcessOnlineRate",
        "dossier.digitalPlatformRate",
        "dossier.digitizedRate",
        "dossier.overduePending",
        "satisfaction.rate",
        "hotline.serviceLevel",
        "hotline.abandonmentRate",
    ];

    public const string DefaultKpi = "dossier.onTimeRate";

    /// <summary>
    /// Worst first. "Worse" follows the ward target's direction (lowest first for "≥" targets, highest first for "≤").
    /// Wards without a value (nothing to divide by) are not ranked but counted. Ties: the ward with more volume
    /// (larger denominator) first, because the same rate over more dossiers affects more people; then by code.
    /// </summary>
    public static WardRanking Weakest(IEnumerable<(Unit Ward, UnitKpis Kpis)> wards, string kpiId, TargetCatalog targets, int take = 10)
    {
        var lowerIsBetter = targets.Find(kpiId, new UnitKey(UnitLevel.Ward, "")) is { Direction: TargetDirection.AtMost };
        var withData = new List<(Unit Ward, KpiFigure Figure)>();
        var withoutData = 0;
        foreach (var (ward, kpis) in wards)
        {
            var figure = kpis.Kpis[kpiId];
            if (figure.Value is null)
            {
                withoutData++;
                continue;
            }

            withData.Add((ward, figure));
        }

        var ordered = lowerIsBetter
            ? withData.OrderByDescending(w => w.Figure.Value)
            : withData.OrderBy(w => w.Figure.Value);
        var rows = ordered
            .ThenByDescending(w => w.Figure.Denominator ?? 0)
            .ThenBy(w => w.Ward.Code, StringComparer.Ordinal)
            .Take(take)
            .Select((w, i) => new WardRow(i + 1, w.Ward, w.Figure))
            .ToList();
        return new WardRanking(kpiId, rows, withoutData);
    }
}
