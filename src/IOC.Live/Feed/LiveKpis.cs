using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Domain.Units;
using IOC.Live.KpiViews;

namespace IOC.Live.Feed;

/// <summary>What one publisher tick told live readers: when, and which units' figures moved.</summary>
public sealed record LiveTick(DateTimeOffset AsOf, IReadOnlySet<UnitKey> Changed);

/// <summary>A point of a KPI's trend: the value the KPI had at <see cref="At"/>, counting from local midnight.</summary>
public readonly record struct TrendPoint(DateTimeOffset At, double? Value);

/// <summary>
/// This web host's live feed: the latest KPIs of any unit, today's trend of the head ("city": the deployment's province,
/// or the country in national mode), and a tick notification about four
/// times a second. Singleton; pages and the hub read it (never the grains) so they all see one shape
/// (<see cref="UnitKpis"/>), fed by the grains' pushes into the <see cref="LiveStore"/>.
/// </summary>
public sealed class LiveKpis(UnitCatalog units, TargetCatalog targets, LiveStore store)
{
    private readonly Subscribers<Action<LiveTick>> _subscribers = new();

    public UnitCatalog Units => units;

    public TargetCatalog Targets => targets;

    public DateTimeOffset? LastTick => store.LastTick;

    public UnitKpis Get(Unit unit, KpiWindow window = KpiWindow.Today) =>
        UnitKpis.From(unit, store.Get(unit.Key), window, targets);

    public UnitKpis City(KpiWindow window = KpiWindow.Today) => Get(units.City, window);

    public IReadOnlyList<UnitKpis> Wards(KpiWindow window = KpiWindow.Today) => [.. units.Wards.Select(w => Get(w, window))];

    public IReadOnlyList<UnitKpis> Agencies(KpiWindow window = KpiWindow.Today) => [.. units.Agencies.Select(a => Get(a, window))];

    /// <summary>The provinces in scope: the one of a province deployment, the 34 in national mode.</summary>
    public IReadOnlyList<UnitKpis> Provinces(KpiWindow window = KpiWindow.Today) => [.. units.Provinces.Select(p => Get(p, window))];

    /// <summary>
    /// Today's running value of a KPI for the city, one point per <paramref name="step"/> (a multiple of five minutes):
    /// the figure the wallboard showed at the end of each step. Gauges have no history here and give no points.
    /// </summary>
    public IReadOnlyList<TrendPoint> CityTrend(string kpiId, TimeSpan step)
    {
        var kpi = KpiCatalog.Get(kpiId);
        if (kpi.Kind == KpiKind.Gauge)
        {
            return [];
        }

        var perStep = Math.Max(1, (int)(step.TotalMinutes / 5));
        var buckets = store.CityToday;
        var points = new List<TrendPoint>(buckets.Count / perStep + 1);
        var running = default(CounterSet);
        for (var i = 0; i < buckets.Count; i++)
        {
            running.Add(buckets[i].Counters);
            var last = i == buckets.Count - 1;
            if ((i + 1) % perStep == 0 || last)
            {
                var end = last ? LastTick ?? buckets[i].Start : buckets[i].Start.AddMinutes(5);
                points.Add(new TrendPoint(end, kpi.Evaluate(running, default).Value));
            }
        }

        return points;
    }

    /// <summary>A KPI of the city per five minutes today (not cumulative): e.g. calls offered in each slot.</summary>
    public IReadOnlyList<TrendPoint> CityPerFiveMinutes(string kpiId)
    {
        var kpi = KpiCatalog.Get(kpiId);
        return [.. store.CityToday.Select(b => new TrendPoint(b.Start, kpi.Evaluate(b.Counters, default).Value))];
    }

    /// <summary>Called on every tick (about four a second), even when nothing changed.</summary>
    public IDisposable Subscribe(Action<LiveTick> onTick) => _subscribers.Add(onTick);

    /// <summary>Tells every subscriber which units changed since the last tick (the feed's timer calls it).</summary>
    internal void Tick(Action<Exception> onError)
    {
        var tick = new LiveTick(store.LastTick ?? DateTimeOffset.MinValue, store.TakeChanged());
        foreach (var subscriber in _subscribers.Snapshot())
        {
            try
            {
                subscriber(tick);
            }
            catch (Exception ex)
            {
                onError(ex);
            }
        }
    }
}
