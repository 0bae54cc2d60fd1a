using System.Collections.Concurrent;
using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.Grains.Messages;

namespace IOC.Live.Feed;

/// <summary>
/// This web host's copy of the live figures: the latest snapshot of every unit (wards, agencies, provinces, the country)
/// and today's trend of the deployment's head, kept up to date by the grains' pushes (<see cref="KpiObserver"/>). Pages,
/// the hub and exports read it, never the grains, so a thousand wallboards cost the grains nothing. A snapshot older
/// than the one held (a late push) is ignored. Thread-safe.
/// </summary>
/// <param name="units">Says which unit is the head (<see cref="City"/>); without it, Hanoi's city.</param>
public sealed class LiveStore(UnitCatalog? units = null)
{
    private readonly UnitKey _head = units?.Head.Key ?? UnitKey.City;
    private readonly ConcurrentDictionary<UnitKey, GrainSnapshot> _snapshots = new();
    private readonly Lock _sync = new();
    private readonly HashSet<UnitKey> _changed = [];
    private int _trendDay = -1;
    private CounterSet[] _trend = [];

    public DateTimeOffset? LastTick { get; private set; }

    /// <summary>The deployment's head: its province, or the country in national mode.</summary>
    public GrainSnapshot City => _snapshots.TryGetValue(_head, out var head) ? head : GrainSnapshot.Empty(_head, DateTimeOffset.MinValue);

    /// <summary>A unit with no events yet has an empty snapshot as of the last tick; the head's own time is kept.</summary>
    public GrainSnapshot Get(UnitKey key)
    {
        if (key == _head)
        {
            return City;
        }

        return _snapshots.TryGetValue(key, out var snapshot)
            ? snapshot with { AsOf = LastTick ?? snapshot.AsOf }
            : GrainSnapshot.Empty(key, LastTick ?? DateTimeOffset.MinValue);
    }

    /// <summary>The city's counters per five minutes since local midnight, oldest first, up to the last tick.</summary>
    public IReadOnlyList<(DateTimeOffset Start, CounterSet Counters)> CityToday
    {
        get
        {
            lock (_sync)
            {
                if (LastTick is not { } now || VietnamTime.DayKey(now) != _trendDay)
                {
                    return [];
                }

                var first = (long)_trendDay * 24 * 12;
                var count = (int)Math.Min(_trend.Length, (VietnamTime.MinuteKey(now) / 5) - first + 1);
                var series = new (DateTimeOffset, CounterSet)[count];
                for (var i = 0; i < count; i++)
                {
                    series[i] = (VietnamTime.StartOfMinute((first + i) * 5), _trend[i]);
                }

                return series;
            }
        }
    }

    public void Apply(IReadOnlyList<KpiUpdate> updates)
    {
        lock (_sync)
        {
            foreach (var update in updates)
            {
                if (update.Snapshot is { } snapshot)
                {
                    Put(snapshot);
                }

                if (update.Trend is { } trend)
                {
                    ApplyTrend(trend);
                }

                // The head speaks every tick (other roll-ups when they change): their time is how fresh this host's figures are.
                if (update.Snapshot is null || IsRollup(update.Snapshot.Key))
                {
                    LastTick = LastTick is { } last && last > update.AsOf ? last : update.AsOf;
                }
            }
        }
    }

    /// <summary>The units whose figures changed since the last call.</summary>
    public IReadOnlySet<UnitKey> TakeChanged()
    {
        lock (_sync)
        {
            if (_changed.Count == 0)
            {
                return EmptySet;
            }

            var changed = _changed.ToHashSet();
            _changed.Clear();
            return changed;
        }
    }

    private static bool IsRollup(UnitKey key) => key.Level is UnitLevel.City or UnitLevel.Country;

    private void Put(GrainSnapshot snapshot)
    {
        if (!_snapshots.TryGetValue(snapshot.Key, out var held) || snapshot.AsOf >= held.AsOf)
        {
            _snapshots[snapshot.Key] = snapshot;
            _changed.Add(snapshot.Key);
        }
    }

    private void ApplyTrend(CityTrend trend)
    {
        if (trend.Full || trend.Day != _trendDay)
        {
            _trendDay = trend.Day;
            _trend = new CounterSet[24 * 12];
        }

        var first = (long)trend.Day * 24 * 12;
        foreach (var (slot, counters) in trend.Slots)
        {
            var index = slot - first;
            if (index >= 0 && index < _trend.Length)
            {
                _trend[index] = counters;
            }
        }
    }

    private static readonly IReadOnlySet<UnitKey> EmptySet = new HashSet<UnitKey>();
}
