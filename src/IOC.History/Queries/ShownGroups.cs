using IOC.Domain.Units;

namespace IOC.History.Queries;

/// <summary>
/// Which KPI groups a unit's drill-down shows, in its order: the page and the summary export use this one rule, so a
/// download holds the rows the page shows and no others.
/// </summary>
public static class ShownGroups
{
    /// <summary>A ward's groups: always all three (wards process no internal documents).</summary>
    public static readonly string[] Ward = ["dossier", "hotline", "satisfaction"];

    /// <summary>
    /// The groups an agency may show: its documents first (what the competition agreement mostly holds the offices
    /// to), then dossiers, satisfaction and the hotline, each only when it applies.
    /// </summary>
    public static readonly string[] Agency = ["document", "dossier", "satisfaction", "hotline"];

    /// <summary>The city's groups, when they apply: the wards' three and the agencies' documents.</summary>
    public static readonly string[] City = ["dossier", "hotline", "satisfaction", "document"];

    /// <summary>
    /// A ward shows all three. An agency (and the city) shows a group when it has a target in it or any figure in the
    /// range or the previous period: most offices run no desk and no hotline, and three empty tables would bury the
    /// document figures they are judged on.
    /// </summary>
    public static IReadOnlyList<string> For(UnitLevel level, IReadOnlyList<KpiSummary> kpis) => level switch
    {
        UnitLevel.Ward => Ward,
        UnitLevel.Agency => [.. Agency.Where(group => Applies(group, kpis))],
        _ => [.. City.Where(group => Applies(group, kpis))],
    };

    /// <summary>The rows the page shows: the KPIs of the groups shown, group by group, in catalogue order within a group.</summary>
    public static IReadOnlyList<KpiSummary> Rows(UnitLevel level, IReadOnlyList<KpiSummary> kpis) =>
        [.. For(level, kpis).SelectMany(group => kpis.Where(k => k.Group == group))];

    private static bool Applies(string group, IReadOnlyList<KpiSummary> kpis) =>
        kpis.Any(k => k.Group == group && (k.Target is not null || HasFigure(k.Value) || k.Previous is { } p && HasFigure(p)));

    /// <summary>Something counted: a rate or average with a denominator, a count or gauge above zero.</summary>
    private static bool HasFigure(Figure figure) => figure.Denominator > 0 || figure.Value is > 0;
}
