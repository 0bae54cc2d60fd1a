using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Messages;

namespace IOC.Grains.Fold;

/// <summary>What a unit hands over when asked: its changes since the last time, for the history and for the city.</summary>
/// <param name="Delta">Everything folded since the last take, per local minute (null: nothing).</param>
/// <param name="Open">Open items opened or closed since the last take (null: none).</param>
/// <param name="Cut">The inbox events of the unit the fold includes after these changes: saved with them as the checkpoint.</param>
public sealed record UnitChanges(UnitKey Key, GrainDelta? Delta, OpenItemChanges? Open, FoldCut Cut);

/// <summary>An event a fold could not take, and why: set aside (quarantined), never counted, never retried by itself.</summary>
public sealed record FoldFailure(long Seq, IocEvent Event, string Reason);

/// <summary>
/// One ward's, agency's or the city's direct work: folds raw events into counter buckets and open items, and keeps
/// the delta of what it folded for the history writer and the city. Plain C#, no I/O, no Orleans: the grain that owns
/// one calls it from its single-threaded activation, so nothing here locks.
/// </summary>
/// <param name="fiveMinuteSlots">How many five-minute slots the unit keeps (<see cref="CounterBuckets(int)"/>).</param>
public sealed class UnitFold(UnitKey key, int fiveMinuteSlots = CounterBuckets.FiveMinuteSlots)
{
    private readonly CounterBuckets _buckets = new(fiveMinuteSlots);
    private readonly OpenItems _open = new();
    private GrainDelta _delta = new();
    private long _lastSnapshotMinute = long.MinValue;

    public UnitKey Key { get; } = key;

    /// <summary>The inbox events folded in (see <see cref="FoldCut"/>).</summary>
    public FoldCut Cut { get; private set; } = FoldCut.None;

    /// <summary>Something was folded since the last snapshot.</summary>
    public bool Dirty { get; private set; }

    /// <summary>The snapshot last published (<see cref="ChangedSnapshot"/>); reads do not move it.</summary>
    public GrainSnapshot? LastSnapshot { get; private set; }

    public IReadOnlyCollection<OpenDossier> OpenDossiers => _open.Dossiers;

    public IReadOnlyCollection<OpenTicket> OpenTickets => _open.Tickets;

    /// <summary>
    /// Folds the events of a batch that the cut does not include yet (a batch delivered twice counts once), then records
    /// that every event of the unit up to <paramref name="through"/> is in — or, when <paramref name="first"/> is set
    /// (a batch of a shared inbox), every event of the unit numbered from <paramref name="first"/> to
    /// <paramref name="through"/>. Returns the events set aside, if any.
    /// </summary>
    public List<FoldFailure>? Fold(IReadOnlyList<InboxEvent> events, long through, long first = 0)
    {
        // Consecutive events of one local minute are folded once into a run's counters, which are then added to each
        // bucket (minute, five minutes, day, month, delta): one fold per event instead of five (docs/benchmarks.md).
        // Adding a run where its events would have gone one by one, in the same order, gives the same buckets.
        List<FoldFailure>? failures = null;
        var run = default(CounterSet);
        var runMinute = long.MinValue;
        for (var i = 0; i < events.Count; i++)
        {
            var (seq, e) = events[i];
            if (Cut.Includes(seq))
            {
                continue;
            }

            if (FoldGuard.Reason(e) is { } reason)
            {
                (failures ??= []).Add(new FoldFailure(seq, e, reason));
                continue;
            }

            var minute = VietnamTime.MinuteKey(e.At);
            if (minute != runMinute && runMinute != long.MinValue)
            {
                AddRun(runMinute, ref run);
            }

            runMinute = minute;
            EventFolder.Fold(e, ref run);
            _delta.Track(e, minute, _open.Track(e));
            Dirty = true;
        }

        if (runMinute != long.MinValue)
        {
            AddRun(runMinute, ref run);
        }

        Cut = first > 0 ? Cut.Include(new SeqRange(first, through)) : Cut.Advance(through);
        return failures;
    }

    private void AddRun(long minute, ref CounterSet run)
    {
        _buckets.Add(minute, run);
        _delta.Add(minute, run);
        run = default;
    }

    /// <summary>Folds one event; returns why it could not (<see cref="FoldGuard"/>: nothing of it is then counted).</summary>
    public string? Receive(IocEvent e)
    {
        if (FoldGuard.Reason(e) is { } reason)
        {
            return reason;
        }

        var minute = VietnamTime.MinuteKey(e.At);
        _buckets.Fold(e, minute);
        var completing = _open.Track(e);
        _delta.Fold(e, minute, completing);
        Dirty = true;
        return null;
    }

    /// <summary>Hands over what was folded since the last call and starts a new delta.</summary>
    public UnitChanges TakeChanges()
    {
        var delta = _delta.IsEmpty ? null : _delta;
        if (delta is not null)
        {
            _delta = new(delta.Procedures.Count);
        }

        return new UnitChanges(Key, delta, _open.TakeChanges(), Cut);
    }

    /// <summary>Puts back what the history store and checkpoint held. Not a change: no delta.</summary>
    public void Restore(RestoredState state, FoldCut cut)
    {
        _buckets.Restore(state);
        _open.Restore(state.OpenDossiers, state.OpenTickets);
        Cut = cut;
        Dirty = true;
    }

    /// <summary>Sets the cut after a replay whose changes were dropped (they were saved before: see the recovery).</summary>
    public void Resume(FoldCut cut) => Cut = cut;

    /// <summary>
    /// A snapshot when something was folded or the minute turned since the last one (rolling windows and overdue gauges
    /// move with the clock), and only when a figure differs; null otherwise.
    /// </summary>
    public GrainSnapshot? ChangedSnapshot(DateTimeOffset now)
    {
        var minute = VietnamTime.MinuteKey(now);
        if (!Dirty && minute == _lastSnapshotMinute)
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
    public GrainSnapshot Snapshot(DateTimeOffset now) =>
        new(Key, now, WindowCounters.From(w => _buckets.Window(w, now)), Gauges(now));

    public Gauges Gauges(DateTimeOffset now) => _open.Measure(now);

    /// <summary>What this unit holds in memory and what bounds each part (docs/architecture.md, "Memory").</summary>
    public UnitFootprint Footprint() => new(
        Key,
        _open.DossierCount,
        _open.TicketCount,
        _open.DossierCapacity,
        _open.PendingChanges,
        _delta.Counters.Count,
        _delta.Procedures.Count,
        _buckets.DayBuckets,
        0);

    public BucketState ExportBuckets() => _buckets.Export();

    /// <summary>The counters of one local day (for the alert rules' nowcast).</summary>
    public CounterSet Day(int dayKey) => _buckets.Day(dayKey);

    public IReadOnlyList<(DateTimeOffset Start, CounterSet Counters)> TodayByFiveMinutes(DateTimeOffset now) =>
        _buckets.TodayByFiveMinutes(now);
}
