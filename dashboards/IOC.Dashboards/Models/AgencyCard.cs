using IOC.Domain.Targets;
using IOC.Domain.Units;
using IOC.Live.KpiViews;

namespace IOC.Dashboards.Models;

/// <summary>An agency on the strip: the KPIs it is held to (those with a target for it), worst status first.</summary>
public sealed record AgencyCard(Unit Agency, IReadOnlyList<TileModel> Commitments)
{
    private static readonly string[] StatusOrder = ["missed", "near", "met", "none"];

    public string WorstStatus => Commitments.Count == 0
        ? "none"
        : StatusOrder.First(s => Commitments.Any(c => c.Figure.Status == s));

    public static AgencyCard From(Unit agency, UnitKpis kpis, TargetCatalog targets)
    {
        var committed = kpis.Kpis.Keys
            .Where(id => targets.Find(id, agency.Key) is not null)
            .Select(id => TileModel.From(kpis, id))
            .ToList();
        return new AgencyCard(agency, committed);
    }
}
