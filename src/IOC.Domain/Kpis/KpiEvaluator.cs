using IOC.Domain.Targets;
using IOC.Domain.Units;

namespace IOC.Domain.Kpis;

/// <summary>One KPI of one unit, evaluated against its target.</summary>
public sealed record KpiResult(KpiDefinition Definition, KpiValue Value, Target? Target, KpiStatus Status);

public static class KpiEvaluator
{
    public static IReadOnlyList<KpiResult> Evaluate(UnitKey unit, in CounterSet counters, Gauges gauges, TargetCatalog targets)
    {
        var results = new KpiResult[KpiCatalog.All.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var kpi = KpiCatalog.All[i];
            var value = kpi.Evaluate(counters, gauges);
            var target = targets.Find(kpi.Id, unit);
            var status = target?.Evaluate(value.Value, kpi.Kind == KpiKind.Rate) ?? KpiStatus.None;
            results[i] = new KpiResult(kpi, value, target, status);
        }

        return results;
    }
}
