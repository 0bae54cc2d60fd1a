using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Domain.Units;
using IOC.History.Queries;
using IOC.History.Reading;

namespace IOC.Review.Briefing;

/// <summary>Reads what a briefing shows from the history store and the live grains (through <see cref="HistoryQueries"/>).</summary>
public sealed class BriefingQuery(UnitCatalog units, TargetCatalog targets, HistoryQueries queries, TimeProvider time)
{
    /// <summary>The KPI the city's weakest wards are ranked on: the city's first promise to citizens.</summary>
    public const string WeakestKpi = "dossier.onTimeRate";

    /// <summary>Charted first when the unit has a target for them; otherwise its first KPIs with a target.</summary>
    private static readonly string[] ChartOrder =
        ["dossier.onTimeRate", "dossier.onlineRate", "satisfaction.rate", "document.digitalRate", "dossier.fullProcessOnlineRate", "hotline.serviceLevel"];

    public async Task<Briefing> BuildAsync(Unit unit, BriefingPeriod period, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var summary = await queries.SummaryAsync(unit, period.From, period.To, ct);
        var headline = summary.Kpis.Where(k => !k.Live && k.Target is not null).ToList();
        var openWork = summary.Kpis.Where(k => k.Live).ToList();

        var isCity = unit.Level is UnitLevel.City or UnitLevel.Country;
        var charted = ChartOrder.Where(id => headline.Any(k => k.Id == id))
            .Concat(headline.Select(k => k.Id).Where(id => !ChartOrder.Contains(id)))
            .Take(isCity ? 2 : 3)
            .ToList();
        var step = period.Step == "1h" ? HistoryStep.Hour : HistoryStep.Day;
        var charts = new List<BriefingChart>();
        foreach (var id in charted)
        {
            var series = await queries.SeriesAsync(unit, KpiCatalog.Get(id), period.From, period.To, step, ct);
            charts.Add(new BriefingChart(series, headline.First(k => k.Id == id).Target));
        }

        var weakest = isCity ? await WeakestAsync(unit.Level == UnitLevel.City ? units.WardsOf(unit.Code) : units.Wards, period, ct) : null;
        return new Briefing(unit, period, summary.AsOf, period.To > now, headline, openWork, charts, weakest);
    }

    /// <summary>
    /// The five wards of the province (or the country) weakest on <see cref="WeakestKpi"/> over the period, by the wallboard's rules: worse first
    /// following the target's direction; wards with nothing to divide by are not ranked; ties go to the larger
    /// denominator (the same rate over more dossiers affects more people), then the lower code.
    /// </summary>
    private async Task<WeakWards> WeakestAsync(IReadOnlyList<Unit> wards, BriefingPeriod period, CancellationToken ct)
    {
        var kpi = KpiCatalog.Get(WeakestKpi);
        var totals = await queries.Reader.TotalsAsync([.. wards.Select(w => new RangeRequest(w.Key, period.From, period.To))], ct);
        var rows = wards.Zip(totals, (ward, total) => (Ward: ward, Value: kpi.Evaluate(total.Counters, default))).ToList();
        var ranked = rows.Where(r => r.Value.Value is not null).Select(r =>
        {
            var target = targets.Find(kpi.Id, r.Ward.Key);
            return (r.Ward, r.Value, Target: target);
        }).ToList();
        var atMost = ranked.FirstOrDefault().Target?.Direction == TargetDirection.AtMost;
        var ordered = (atMost ? ranked.OrderByDescending(r => r.Value.Value) : ranked.OrderBy(r => r.Value.Value))
            .ThenByDescending(r => r.Value.Denominator)
            .ThenBy(r => r.Ward.Code, StringComparer.Ordinal)
            .Take(5)
            .Select((r, i) => new WeakWard(i + 1, r.Ward, Figure.From(kpi, r.Value), (r.Target?.Evaluate(r.Value.Value, kpi.Kind == KpiKind.Rate) ?? KpiStatus.None).ToWire()))
            .ToList();
        return new WeakWards(kpi.Id, ordered, rows.Count - ranked.Count);
    }
}
