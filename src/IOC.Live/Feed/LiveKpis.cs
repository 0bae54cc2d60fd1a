using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Domain.Units;
using IOC.Grains.Publishing;
using IOC.Live.KpiViews;

namespace IOC.Live.Feed;

/// <summary>What one publisher tick told live readers: when, and which units' figures moved.</summary>
public sealed record LiveTick(DateTimeOffset AsOf, IReadOnlySet<UnitKey> Changed);

/// <summary>A point of a KPI's trend: the value the KPI had at <see cref="At"/>, counting from local midnight.</summary>
public readonly record struct TrendPoint(DateTimeOffset At, double? Value);

/// <summary>
/// The in-process live feed: the latest KPIs of any unit, today's city trend, and a tick notification.
/// Singleton; pages and the hub read it instead of the publisher so they all see one shape (<see cref="UnitKpis"/>).
/// </summary>
public sealed class LiveKpis(UnitCatalog units, TargetCatalog targets, SnapshotPublisher publisher)
{
    public UnitCatalog Units => units;

    public TargetCatalog Targets => targets;

    public DateTimeOffset? LastTick => publisher.Store.LastTick;

    public UnitKpis Get(Unit unit, KpiWindow window = KpiWindow.Today) =>
        UnitKpis.From(unit, publisher.Store.Get(unit.Key), window, targets);

    public UnitKpis City(KpiWindow window = KpiWindow.Today) => Get(units.City, window);

    public IReadOnlyList<UnitKpis> Wards(KpiWindow window = KpiWindow.Today) => [.. units.Wards.Select(w => Get(w, window))];

    public IReadOnlyList<UnitKpis> Agencies(KpiWindow window = KpiWindow.Today) => [.. units.Agencies.Select(a => Get(a, window))];

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
        var buckets = publisher.Store.CityToday;
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
        return [.. publisher.Store.CityToday.Select(b => new TrendPoint(b.Start, kpi.Evaluate(b.Counters, default).Value))];
    }

    /// <summary>Called after every publisher tick (about four a second), even when nothing changed.</summary>
    public IDisposable Subscribe(Action<LiveTick> onTick) => publisher.Subscribe(batch =>
        onTick(new LiveTick(batch.AsOf, batch.Changed.Select(s => s.Key).ToHashSet())));
}
