using System.Collections.Concurrent;
using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Grains;

namespace IOC.Grains.Publishing;

/// <summary>The latest published snapshot of every grain: what APIs and pages read, never the grains themselves.</summary>
public sealed class SnapshotStore
{
    private readonly ConcurrentDictionary<UnitKey, GrainSnapshot> _snapshots = new();

    public DateTimeOffset? LastTick { get; private set; }

    public GrainSnapshot City { get; private set; } = GrainSnapshot.Empty(UnitKey.City, DateTimeOffset.MinValue);

    /// <summary>The city's counters per five minutes since local midnight, oldest first.</summary>
    public IReadOnlyList<(DateTimeOffset Start, CounterSet Counters)> CityToday { get; private set; } = [];

    /// <summary>A unit with no events yet has an empty snapshot as of the last tick.</summary>
    public GrainSnapshot Get(UnitKey key)
    {
        if (key.Level == UnitLevel.City)
        {
            return City;
        }

        return _snapshots.TryGetValue(key, out var snapshot)
            ? snapshot with { AsOf = LastTick ?? snapshot.AsOf }
            : GrainSnapshot.Empty(key, LastTick ?? DateTimeOffset.MinValue);
    }

    internal void Publish(
        DateTimeOffset tick,
        GrainSnapshot city,
        IReadOnlyList<(DateTimeOffset Start, CounterSet Counters)> cityToday,
        IReadOnlyList<GrainSnapshot> changed)
    {
        foreach (var snapshot in changed)
        {
            _snapshots[snapshot.Key] = snapshot;
        }

        City = city;
        CityToday = cityToday;
        LastTick = tick;
    }
}
