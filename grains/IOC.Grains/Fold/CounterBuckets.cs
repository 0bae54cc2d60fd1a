using System.Runtime.InteropServices;
using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Time;

namespace IOC.Grains.Fold;

/// <summary>
/// A unit's counters by local time bucket: minutes for the rolling hour, five minutes for 48 h (today's trend; fewer
/// when the caller asks, see <see cref="CounterBuckets(int)"/>), days of the last <see cref="KeptDays"/> days and months
/// for ever (a few KB a year). Memory per unit is fixed; longer history lives in the history store.
/// </summary>
public sealed class CounterBuckets
{
    public const int MinuteSlots = 120;
    public const int FiveMinuteSlots = 48 * 12;

    /// <summary>
    /// Five-minute slots that still hold all of today whatever the hour (25 h: an event may come 5 minutes ahead):
    /// enough for a unit whose five-minute slots only feed its province's trend of today (national mode's communes).
    /// </summary>
    public const int TodayFiveMinuteSlots = 25 * 12;

    /// <summary>
    /// Days kept in memory, counted back from the newest day seen. The live windows read today's day and the months; a
    /// roll-up rebuilt from its contributors needs no older day either; the history store keeps every day.
    /// </summary>
    public const int KeptDays = 40;

    private readonly Ring _minutes = new(MinuteSlots);
    private readonly Ring _fiveMinutes;
    private readonly Dictionary<int, CounterSet> _days = new();
    private readonly Dictionary<int, CounterSet> _months = new();
    private int _cachedDay = -1;
    private int _cachedMonth;
    private int _newestDay = int.MinValue;

    /// <param name="fiveMinuteSlots">At least <see cref="TodayFiveMinuteSlots"/>; <see cref="FiveMinuteSlots"/> (48 h) by default.</param>
    public CounterBuckets(int fiveMinuteSlots = FiveMinuteSlots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fiveMinuteSlots, TodayFiveMinuteSlots);
        _fiveMinutes = new Ring(fiveMinuteSlots);
    }

    /// <summary>Day buckets held (one per day with events, at most about <see cref="KeptDays"/>: older days live in the history store).</summary>
    public int DayBuckets => _days.Count;

    public void Fold(IocEvent e) => Fold(e, VietnamTime.MinuteKey(e.At));

    /// <summary>Folds an event whose local minute key the caller has computed already.</summary>
    public void Fold(IocEvent e, long minute)
    {
        if (_minutes.Slot(minute) is { } m)
        {
            EventFolder.Fold(e, ref _minutes[m]);
        }

        if (_fiveMinutes.Slot(minute / 5) is { } f)
        {
            EventFolder.Fold(e, ref _fiveMinutes[f]);
        }

        var day = NoteDay(VietnamTime.DayKeyOfMinute(minute));
        EventFolder.Fold(e, ref CollectionsMarshal.GetValueRefOrAddDefault(_days, day, out _));
        EventFolder.Fold(e, ref CollectionsMarshal.GetValueRefOrAddDefault(_months, CachedMonthKey(day), out _));
    }

    /// <summary>Adds counters that another grain folded in one minute (how the city merges ward deltas).</summary>
    public void Add(long minute, in CounterSet delta)
    {
        if (_minutes.Slot(minute) is { } m)
        {
            _minutes[m].Add(delta);
        }

        if (_fiveMinutes.Slot(minute / 5) is { } f)
        {
            _fiveMinutes[f].Add(delta);
        }

        var day = NoteDay(VietnamTime.DayKeyOfMinute(minute));
        CollectionsMarshal.GetValueRefOrAddDefault(_days, day, out _).Add(delta);
        CollectionsMarshal.GetValueRefOrAddDefault(_months, CachedMonthKey(day), out _).Add(delta);
    }

    /// <summary>Puts back every bucket of a restored state (see <see cref="RestoredState"/>); adds to what is there.</summary>
    public void Restore(RestoredState state)
    {
        foreach (var (day, counters) in state.Days)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_days, NoteDay(day), out _).Add(counters);
            CollectionsMarshal.GetValueRefOrAddDefault(_months, CachedMonthKey(day), out _).Add(counters);
        }

        foreach (var (month, counters) in state.Months)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_months, month, out _).Add(counters);
        }

        // Days before this month: their months are among the whole months given (or out of the year), so days only.
        foreach (var (day, counters) in state.EarlierDays)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_days, day, out _).Add(counters);
        }

        foreach (var (slot, counters) in state.FiveMinutes.OrderBy(f => f.Slot))
        {
            if (_fiveMinutes.Slot(slot) is { } f)
            {
                _fiveMinutes[f].Add(counters);
            }
        }

        foreach (var (minute, counters) in state.Minutes.OrderBy(m => m.Minute))
        {
            if (_minutes.Slot(minute) is { } m)
            {
                _minutes[m].Add(counters);
            }
        }
    }

    /// <summary>
    /// Every non-empty bucket: what another grain needs to add this one's counters into its own (the city rebuilding
    /// itself from its wards). <see cref="Merge"/> of the result into an empty instance gives the same windows.
    /// </summary>
    public BucketState Export() => new(
        _minutes.Export(),
        _fiveMinutes.Export(),
        [.. _days.Where(d => !d.Value.IsZero).Select(d => new Bucket(d.Key, d.Value))],
        [.. _months.Where(m => !m.Value.IsZero).Select(m => new Bucket(m.Key, m.Value))]);

    /// <summary>Adds another grain's <see cref="Export"/>: each level to the same level (days do not add to months here).</summary>
    public void Merge(BucketState state)
    {
        foreach (var (minute, counters) in state.Minutes)
        {
            if (_minutes.Slot(minute) is { } m)
            {
                _minutes[m].Add(counters);
            }
        }

        foreach (var (slot, counters) in state.FiveMinutes)
        {
            if (_fiveMinutes.Slot(slot) is { } f)
            {
                _fiveMinutes[f].Add(counters);
            }
        }

        foreach (var (day, counters) in state.Days)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_days, NoteDay((int)day), out _).Add(counters);
        }

        foreach (var (month, counters) in state.Months)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_months, (int)month, out _).Add(counters);
        }
    }

    public CounterSet Window(KpiWindow window, DateTimeOffset now)
    {
        var nowMinute = VietnamTime.MinuteKey(now);
        var today = VietnamTime.DayKeyOfMinute(nowMinute);
        var result = default(CounterSet);
        switch (window)
        {
            case KpiWindow.Today:
                result = _days.GetValueOrDefault(today);
                break;
            case KpiWindow.Last60Minutes:
                _minutes.SumRange(nowMinute - 59, nowMinute, ref result);
                break;
            case KpiWindow.MonthToDate:
                result = _months.GetValueOrDefault(MonthKey(today));
                break;
            case KpiWindow.YearToDate:
                var thisMonth = MonthKey(today);
                for (var month = thisMonth - (thisMonth % 12); month <= thisMonth; month++)
                {
                    if (_months.TryGetValue(month, out var counters))
                    {
                        result.Add(counters);
                    }
                }

                break;
            case KpiWindow.Last7Days:
                for (var day = today - 6; day <= today; day++)
                {
                    if (_days.TryGetValue(day, out var counters))
                    {
                        result.Add(counters);
                    }
                }

                break;
        }

        return result;
    }

    /// <summary>The counters of one local day (day key = <see cref="DateOnly.DayNumber"/>); zero when nothing was counted.</summary>
    public CounterSet Day(int dayKey) => _days.GetValueOrDefault(dayKey);

    /// <summary>Today's counters per five minutes, oldest first, up to <paramref name="now"/>.</summary>
    public IReadOnlyList<(DateTimeOffset Start, CounterSet Counters)> TodayByFiveMinutes(DateTimeOffset now)
    {
        var nowSlot = VietnamTime.MinuteKey(now) / 5;
        var firstSlot = (long)VietnamTime.DayKey(now) * 24 * 12;
        var series = new List<(DateTimeOffset, CounterSet)>((int)(nowSlot - firstSlot + 1));
        for (var slot = firstSlot; slot <= nowSlot; slot++)
        {
            var counters = default(CounterSet);
            _fiveMinutes.SumRange(slot, slot, ref counters);
            series.Add((VietnamTime.StartOfMinute(slot * 5), counters));
        }

        return series;
    }

    /// <summary>
    /// Notes a day about to be counted; a newer day than any before drops the days more than <see cref="KeptDays"/>
    /// before it (a later event of such a day counts again in its day, its month and the history, as any late event).
    /// </summary>
    private int NoteDay(int day)
    {
        if (day > _newestDay)
        {
            _newestDay = day;
            if (_days.Count > KeptDays)
            {
                foreach (var old in _days.Keys.Where(d => d <= day - KeptDays).ToList())
                {
                    _days.Remove(old);
                }
            }
        }

        return day;
    }

    /// <summary>Events mostly arrive for the same day, so the calendar arithmetic is done once per day.</summary>
    private int CachedMonthKey(int dayKey)
    {
        if (dayKey != _cachedDay)
        {
            _cachedDay = dayKey;
            _cachedMonth = MonthKey(dayKey);
        }

        return _cachedMonth;
    }

    /// <summary>Months since year 1 (local): year * 12 + month - 1.</summary>
    private static int MonthKey(int dayKey)
    {
        var date = DateOnly.FromDayNumber(dayKey);
        return (date.Year * 12) + date.Month - 1;
    }

    /// <summary>Fixed slots reused in turn; a slot remembers which bucket it holds so stale data is never read.</summary>
    private sealed class Ring(int size)
    {
        private readonly CounterSet[] _slots = new CounterSet[size];
        private readonly long[] _keys = Enumerable.Repeat(long.MinValue, size).ToArray();
        private long _newest = long.MinValue;

        public ref CounterSet this[int index] => ref _slots[index];

        /// <summary>The slot for a bucket, cleared if it held an older one; null if the bucket is older than the ring.</summary>
        public int? Slot(long key)
        {
            // Before the first bucket _newest is long.MinValue, and long.MinValue - size would wrap around to a huge number.
            if (_newest != long.MinValue && key <= _newest - size)
            {
                return null;
            }

            var index = (int)(key % size);
            if (_keys[index] != key)
            {
                _keys[index] = key;
                _slots[index] = default;
            }

            _newest = Math.Max(_newest, key);
            return index;
        }

        /// <summary>The slots that hold a bucket still inside the ring, oldest first.</summary>
        public List<Bucket> Export()
        {
            var buckets = new List<Bucket>();
            for (var i = 0; i < _slots.Length; i++)
            {
                if (_keys[i] != long.MinValue && _keys[i] > _newest - _slots.Length && !_slots[i].IsZero)
                {
                    buckets.Add(new Bucket(_keys[i], _slots[i]));
                }
            }

            buckets.Sort((a, b) => a.Key.CompareTo(b.Key));
            return buckets;
        }

        public void SumRange(long from, long to, ref CounterSet result)
        {
            for (var key = Math.Max(from, to - size + 1); key <= to; key++)
            {
                var index = (int)(key % size);
                if (_keys[index] == key)
                {
                    result.Add(_slots[index]);
                }
            }
        }
    }
}
