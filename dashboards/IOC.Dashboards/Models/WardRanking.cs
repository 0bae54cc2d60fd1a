using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Domain.Units;
using IOC.Live.KpiViews;

namespace IOC.Dashboards.Models;

public sealed record WardRow(int Rank, Unit Ward, KpiFigure Figure);

/// <summary>
/// The weakest wards on one KPI: only wards that miss their target or are near it, and, for rates and averages, only
/// wards with at least <see cref="MinimumVolume"/> in the denominator. The counts say what was left out and why.
/// </summary>
/// <param name="WithoutData">Wards with nothing to divide by (or no value) today.</param>
/// <param name="BelowVolume">Wards with a value from fewer than <see cref="MinimumVolume"/> dossiers, calls or responses.</param>
/// <param name="Judged">Wards with enough volume to be judged against their target.</param>
/// <param name="FallingShort">Judged wards that miss their target or are near it; the rows are the worst of them.</param>
public sealed record WardRanking(
    string KpiId,
    IReadOnlyList<WardRow> Rows,
    int WithoutData,
    int MinimumVolume = 0,
    int BelowVolume = 0,
    int Judged = 0,
    int FallingShort = 0)
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
    /// The default minimum volume: a ward with one late dossier out of one is 0% on time, but five dossiers are the
    /// least that says something about a ward's day rather than about one case.
    /// </summary>
    public const int DefaultMinimumVolume = 5;

    /// <summary>
    /// Worst first among the wards that fall short (status missed or near). "Worse" follows the ward target's direction
    /// (lowest first for "≥" targets, highest first for "≤"). A ward that meets its target is never listed, however
    /// few others have data. Ties: the ward with more volume (larger denominator) first, because the same rate over
    /// more dossiers affects more people; then by code.
    /// </summary>
    public static WardRanking Weakest(
        IEnumerable<(Unit Ward, UnitKpis Kpis)> wards, string kpiId, TargetCatalog targets, int minimumVolume = DefaultMinimumVolume, int take = 10)
    {
        var lowerIsBetter = targets.Find(kpiId, new UnitKey(UnitLevel.Ward, "")) is { Direction: TargetDirection.AtMost };
        var hasVolume = KpiCatalog.Get(kpiId).Denominator is not null;
        var shortOf = new List<(Unit Ward, KpiFigure Figure)>();
        int withoutData = 0, belowVolume = 0, judged = 0;
        foreach (var (ward, kpis) in wards)
        {
            var figure = kpis.Kpis[kpiId];
            if (figure.Value is null)
            {
                withoutData++;
                continue;
            }

            if (hasVolume && (figure.Denominator ?? 0) < minimumVolume)
            {
                belowVolume++;
                continue;
            }

            judged++;
            if (figure.Status is "missed" or "near")
            {
                shortOf.Add((ward, figure));
            }
        }

        var ordered = lowerIsBetter
            ? shortOf.OrderByDescending(w => w.Figure.Value)
            : shortOf.OrderBy(w => w.Figure.Value);
        var rows = ordered
            .ThenByDescending(w => w.Figure.Denominator ?? 0)
            .ThenBy(w => w.Ward.Code, StringComparer.Ordinal)
            .Take(take)
            .Select((w, i) => new WardRow(i + 1, w.Ward, w.Figure))
            .ToList();
        return new WardRanking(kpiId, rows, withoutData, hasVolume ? minimumVolume : 0, belowVolume, judged, shortOf.Count);
    }
}
