using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.State;

namespace IOC.Grains.Grains;

/// <summary>
/// Hanoi as a whole. City totals are merged from ward (and agency-only) deltas on each tick,
/// so the city grain never sees raw events and is never the bottleneck.
/// </summary>
public sealed class CityGrain
{
    private readonly CounterBuckets _buckets = new();

    public UnitKey Key => UnitKey.City;

    public GrainSnapshot? LastSnapshot { get; private set; }

    public void Merge(Dictionary<long, CounterSet> delta)
    {
        foreach (var (minute, counters) in delta)
        {
            _buckets.Add(minute, counters);
        }
    }

    /// <summary>Puts back what the history store held before a restart (the city has no open items of its own).</summary>
    public void Restore(RestoredState state) => _buckets.Restore(state);

    /// <param name="gauges">The sum of the wards' and agencies' city gauges: the city has no open items of its own.</param>
    public GrainSnapshot Snapshot(DateTimeOffset now, Gauges gauges)
    {
        LastSnapshot = new GrainSnapshot(Key, now, WindowCounters.From(w => _buckets.Window(w, now)), gauges);
        return LastSnapshot;
    }

    public IReadOnlyList<(DateTimeOffset Start, CounterSet Counters)> TodayByFiveMinutes(DateTimeOffset now) =>
        _buckets.TodayByFiveMinutes(now);
}
