using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Messages;

namespace IOC.Grains.Fold;

/// <summary>How the city took a share.</summary>
public enum ShareOutcome
{
    Applied,

    /// <summary>Already counted (a share sent again, or one included in a contribution pulled since).</summary>
    Stale,

    /// <summary>A share before it never arrived, or the contributor was rebuilt: the city must rebuild from every contributor.</summary>
    Missing,
}

/// <summary>
/// A roll-up's figures: a province is the sum of its contributors (its wards and communes and its direct work), the
/// country the sum of its provinces; each contributor pre-aggregates and forwards numbered shares, so a roll-up never
/// sees a raw event. Gauges are each contributor's latest, summed. Rebuilt by pulling every contributor's whole state
/// (<see cref="Load"/>) when the roll-up starts or misses a share. A province that feeds the country
/// (<paramref name="forwards"/>) also keeps what it applied since the last <see cref="TakeForward"/>: its own share.
/// Only a roll-up that publishes a trend (the deployment's head) keeps the slots touched for <see cref="TakeTrend"/>
/// (<paramref name="trend"/>). Plain C#, no I/O.
/// </summary>
public sealed class CityFold(UnitKey key, bool forwards = false, bool trend = true)
{
    private readonly Dictionary<UnitKey, (long Incarnation, long LastShare, Gauges Gauges)> _contributors = new();
    private readonly HashSet<long> _touchedSlots = [];
    private Dictionary<long, CounterSet> _forward = [];
    private CounterBuckets _buckets = new();
    private long _lastSnapshotMinute = long.MinValue;
    private int _trendDay = -1;

    public UnitKey Key { get; } = key;

    public bool Dirty { get; private set; }

    /// <summary>The snapshot last published (<see cref="ChangedSnapshot"/>); reads do not move it.</summary>
    public GrainSnapshot? LastSnapshot { get; private set; }

    public int Contributors => _contributors.Count;

    /// <summary>Forgets everything before a rebuild.</summary>
    public void Reset()
    {
        _buckets = new CounterBuckets();
        _contributors.Clear();
        _forward.Clear();
        _trendDay = -1;
        Dirty = true;
    }

    /// <summary>Adds a contributor's whole state (after <see cref="Reset"/>, once per contributor).</summary>
    public void Load(CityContribution contribution)
    {
        _buckets.Merge(contribution.Buckets);
        _contributors[contribution.From] = (contribution.Incarnation, contribution.LastShare, contribution.Gauges);
        _trendDay = -1;
        Dirty = true;
    }

    public ShareOutcome Apply(CityShare share)
    {
        if (!_contributors.TryGetValue(share.From, out var known) || known.Incarnation != share.Incarnation)
        {
            return ShareOutcome.Missing;
        }

        if (share.Number <= known.LastShare)
        {
            return ShareOutcome.Stale;
        }

        if (share.Number != known.LastShare + 1)
        {
            return ShareOutcome.Missing;
        }

        foreach (var (minute, counters) in share.Minutes)
        {
            _buckets.Add(minute, counters);
            if (trend)
            {
                _touchedSlots.Add(minute / 5);
            }

            if (forwards)
            {
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_forward, minute, out _).Add(counters);
            }
        }

        _contributors[share.From] = (share.Incarnation, share.Number, share.Gauges);
        Dirty = true;
        return ShareOutcome.Applied;
    }

    /// <summary>A snapshot when a share arrived or the minute turned since the last one, and only when a figure differs.</summary>
    public GrainSnapshot? ChangedSnapshot(DateTimeOffset now)
    {
        if (!Dirty && VietnamTime.MinuteKey(now) == _lastSnapshotMinute)
        {
            return null;
        }

        var previous = LastSnapshot;
        var snapshot = Snapshot(now);
        Dirty = false;
        _lastSnapshotMinute = VietnamTime.MinuteKey(now);
        LastSnapshot = snapshot;
        return snapshot.SameFiguresAs(previous) ? null : snapshot;
    }

    /// <summary>The figures at <paramref name="now"/> (a read: what was published is left as it is).</summary>
    public GrainSnapshot Snapshot(DateTimeOffset now) => new(Key, now, WindowCounters.From(w => _buckets.Window(w, now)), Gauges);

    /// <summary>The contributors' latest gauges, summed.</summary>
    public Gauges Gauges
    {
        get
        {
            var gauges = default(Gauges);
            foreach (var (_, contributor) in _contributors)
            {
                gauges += contributor.Gauges;
            }

            return gauges;
        }
    }

    /// <summary>
    /// What the shares applied since the last call added, per minute (a province's share for the country); empty when
    /// nothing was. A rebuild (<see cref="Reset"/>) drops it: the country then pulls the rebuilt state whole.
    /// </summary>
    public IReadOnlyDictionary<long, CounterSet> TakeForward()
    {
        if (_forward.Count == 0)
        {
            return _forward;
        }

        var taken = _forward;
        _forward = [];
        return taken;
    }

    /// <summary>Every bucket, for a roll-up above this one to add (a province the country pulls).</summary>
    public BucketState ExportBuckets() => _buckets.Export();

    public IReadOnlyList<(DateTimeOffset Start, CounterSet Counters)> TodayByFiveMinutes(DateTimeOffset now) =>
        _buckets.TodayByFiveMinutes(now);

    /// <summary>The counters of one local day (for the alert rules' nowcast).</summary>
    public CounterSet Day(int dayKey) => _buckets.Day(dayKey);

    /// <summary>
    /// Today's five-minute slots that changed since the last call (all of today's after a rebuild or at a new day), for
    /// the wallboard's trend; null when none did.
    /// </summary>
    public CityTrend? TakeTrend(DateTimeOffset now)
    {
        var today = VietnamTime.DayKey(now);
        var firstSlot = (long)today * 24 * 12;
        var nowSlot = VietnamTime.MinuteKey(now) / 5;
        if (today != _trendDay)
        {
            _trendDay = today;
            _touchedSlots.Clear();
            return new CityTrend(today, true, [.. TodayByFiveMinutes(now).Select(b => new Bucket(VietnamTime.MinuteKey(b.Start) / 5, b.Counters))]);
        }

        var slots = _touchedSlots.Where(s => s >= firstSlot && s <= nowSlot).Order().ToList();
        _touchedSlots.Clear();
        if (slots.Count == 0)
        {
            return null;
        }

        var today5 = TodayByFiveMinutes(now);
        return new CityTrend(today, false, [.. slots.Select(s => new Bucket(s, today5[(int)(s - firstSlot)].Counters))]);
    }
}
