using System.Text.Json.Serialization;
using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Fold;

namespace IOC.Live.KpiViews;

/// <summary>One unit's KPIs for one window: the shape shared by the REST API and the hub's snapshots.</summary>
public sealed record UnitKpis(
    string Unit,
    string Name,
    string NameEn,
    string Level,
    string Window,
    DateTimeOffset AsOf,
    IReadOnlyDictionary<string, KpiFigure> Kpis)
{
    public static UnitKpis From(Unit unit, GrainSnapshot snapshot, KpiWindow window, TargetCatalog targets)
    {
        var counters = snapshot[window];
        var kpis = new Dictionary<string, KpiFigure>(KpiCatalog.All.Count);
        foreach (var result in KpiEvaluator.Evaluate(unit.Key, counters, snapshot.Gauges, targets))
        {
            kpis[result.Definition.Id] = KpiFigure.From(result);
        }

        return new UnitKpis(unit.Code, unit.Name, unit.NameEn, unit.Level.ToWire(), window.ToWire(), VietnamTime.ToLocal(snapshot.AsOf), kpis);
    }
}

/// <summary>
/// A KPI's value. Rates and averages carry numerator and denominator; counts carry only the value.
/// A rate with nothing to divide by has <c>value: null</c>.
/// </summary>
public sealed record KpiFigure(
    double? Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Numerator,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Denominator,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Target,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Direction,
    string Status)
{
    public static KpiFigure From(KpiResult result) => new(
        result.Value.Value,
        result.Value.Numerator,
        result.Value.Denominator,
        result.Target?.Value,
        result.Target?.DirectionSymbol,
        result.Status.ToWire());
}

public sealed record UnitKpisList(string Window, DateTimeOffset AsOf, IReadOnlyList<UnitKpis> Units);
