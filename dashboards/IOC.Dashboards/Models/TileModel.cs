using IOC.Domain.Kpis;
using IOC.Live.Feed;
using IOC.Live.KpiViews;

namespace IOC.Dashboards.Models;

/// <summary>One KPI on a tile: its definition, today's figure (value, target, status) and, for rates, today's trend.</summary>
public sealed record TileModel(KpiDefinition Kpi, KpiFigure Figure, IReadOnlyList<TrendPoint> Trend)
{
    public static TileModel From(UnitKpis unit, string kpiId, IReadOnlyList<TrendPoint>? trend = null) =>
        new(KpiCatalog.Get(kpiId), unit.Kpis[kpiId], trend ?? []);

    /// <summary>A target exists but there is nothing to judge yet, versus no target at all.</summary>
    public bool HasTarget => Figure.Target is not null;
}
