using IOC.Domain.Events;
using IOC.Domain.Time;
using IOC.Domain.Units;

namespace IOC.Ingestion.Simulation;

/// <summary>
/// A plausible day in the life of Hanoi's one-stop desks, hotline and agencies, as events in the wire schema.
/// Deterministic: the same catalogue, seed and start time give the same events, and cutting the time into
/// different slices does not change them (every random draw happens in time order).
/// </summary>
/// <remarks>
/// Arrivals are a Poisson process whose rate follows <see cref="TrafficProfile"/>, drawn by thinning: candidates
/// come at the peak rate with exponential gaps and each is kept with probability rate/peak. Work that finishes
/// later (dossier completions, ticket resolutions) is planned when it arrives and waits in a queue ordered by time.
/// The mix, per kept arrival while desks are open: dossier received 30%, dossier completed 28%, hotline call 25%,
/// ticket opened 3% (each resolved later, another 3%), survey 8%, agency document 3%. Outside office hours only
/// the online portal and the hotline work. Completions and resolutions of the first days come from a backlog of
/// work received before the simulator started, fading out as its own work comes due. Work an earlier run left open
/// can be handed over with <see cref="Adopt"/>: it finishes like the generator's own and takes the place of as much
/// of the backlog. Not thread-safe: one caller.
/// </remarks>
public sealed partial class TrafficGenerator
{
    private static readonly double[] OfficeMix = SimRandom.Cumulative([30, 28, 25, 3, 8, 3, 3]);
    private static readonly double[] OffHoursMix = SimRandom.Cumulative([35, 0, 55, 4, 6, 0, 0]);

    /// <summary>
    /// Share of all events that are arrivals once the simulator runs steadily; the rest completes or resolves its own
    /// earlier work (measured over weeks 2–5 of a run). Arrivals are scaled by it so the total averages EventsPerSecond.
    /// </summary>
    private const double ArrivalShare = 0.9;

    private static readonly (long Ticks, long Seq) Nothing = (long.MaxValue, 0);

    /// <summary>Below this mean gap between candidates (above 50 a second) gaps are drawn in microseconds, not milliseconds.</summary>
    private static readonly long FineGapBelowTicks = 20 * TimeSpan.TicksPerMillisecond;

    private readonly UnitMix _units;
    private readonly SimRandom _random;
    private readonly int _maxOpenItems;
    private readonly double _meanGapTicks;
    private readonly PriorityQueue<Planned, (long Ticks, long Seq)> _onTime = new();
    private readonly PriorityQueue<Planned, (long Ticks, long Seq)> _late = new();
    private long _cursor = long.MinValue;
    private long _start;
    private long _nextCandidate;
    private string _idPrefix = "";
    private long _events;
    private long _dossiers;
    private long _backlog;
    private long _backlogTickets;
    private long _tickets;
    private long _plannedSeq;
    private double _backlogShare = 1;
    private double _backlogTicketShare = 1;

    public TrafficGenerator(UnitCatalog units, int seed, double eventsPerSecond = 3, int maxOpenItems = 1_000_000)
    {
        if (!double.IsFinite(eventsPerSecond) || eventsPerSecond < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(eventsPerSecond), eventsPerSecond, "must be a finite number >= 0");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxOpenItems, 1);
        Seed = seed;
        EventsPerSecond = eventsPerSecond;
        _units = new UnitMix(units, seed);
        _random = new SimRandom(SimRandom.Hash("traffic", seed));
        _maxOpenItems = maxOpenItems;
        var candidatesPerSecond = eventsPerSecond * ArrivalShare * TrafficProfile.Peak;
        _meanGapTicks = candidatesPerSecond > 0 ? TimeSpan.TicksPerSecond / candidatesPerSecond : double.PositiveInfinity;
    }

    public TrafficGenerator(UnitCatalog units, SimulatorOptions options)
        : this(units, options.Seed, options.EventsPerSecond ?? TrafficScale.EventsPerSecond(units), options.MaxOpenItems)
    {
    }

    private enum Kind
    {
        Received,
        BacklogCompleted,
        Call,
        TicketOpened,
        Survey,
        Document,
        BacklogResolved,
    }

    public int Seed { get; }

    public double EventsPerSecond { get; }

    /// <summary>The <c>from</c> of the first call (part of every id), or null before it.</summary>
    public DateTimeOffset? Start => _cursor == long.MinValue ? null : Local(_start);

    /// <summary>Dossiers and tickets received (or adopted) and not yet completed or resolved.</summary>
    public int OpenItems => _onTime.Count + _late.Count;

    /// <summary>
    /// The events whose <c>At</c> is in [<paramref name="from"/>, <paramref name="to"/>), in time order.
    /// Call with consecutive windows. After a gap (the host slept) no new arrivals are made up for the gap, but work
    /// planned to finish in it is reported at <paramref name="from"/> with its true completion time.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="from"/> is before the end of the previous window.</exception>
    public IReadOnlyList<IocEvent> Generate(DateTimeOffset from, DateTimeOffset to)
    {
        var fromTicks = from.UtcTicks;
        var toTicks = to.UtcTicks;
        if (_cursor == long.MinValue)
        {
            _start = fromTicks;
            _idPrefix = $"sim-{Seed}-{from.ToUnixTimeSeconds()}-";
            _nextCandidate = fromTicks + NextGap();
        }
        else if (fromTicks < _cursor)
        {
            throw new ArgumentException($"Events up to {Local(_cursor):O} were already generated.", nameof(from));
        }
        else if (_nextCandidate < fromTicks)
        {
            _nextCandidate = fromTicks + NextGap();
        }

        var events = new List<IocEvent>();
        _cursor = Math.Max(_cursor, Math.Max(fromTicks, toTicks));
        while (true)
        {
            var onTime = _onTime.TryPeek(out _, out var onTimeKey) ? onTimeKey : Nothing;
            var late = _late.TryPeek(out _, out var lateKey) ? lateKey : Nothing;
            var queue = onTime.CompareTo(late) <= 0 ? _onTime : _late;
            var planned = Math.Min(onTime.Ticks, late.Ticks);
            if (planned <= _nextCandidate)
            {
                if (planned >= toTicks)
                {
                    break;
                }

                events.Add(Finish(queue.Dequeue(), planned, at: Math.Max(planned, fromTicks)));
            }
            else
            {
                if (_nextCandidate >= toTicks)
                {
                    break;
                }

                var t = _nextCandidate;
                _nextCandidate = t + NextGap();
                Arrive(t, events);
            }
        }

        return events;
    }

    private void Arrive(long t, List<IocEvent> events)
    {
        if (!_random.Chance(TrafficProfile.Rate(t) / TrafficProfile.Peak))
        {
            return;
        }

        var open = TrafficProfile.OfficeOpen(t);
        switch ((Kind)_random.Pick(open ? OfficeMix : OffHoursMix))
        {
            case Kind.Received:
                MakeRoom(t, events);
                events.Add(Receive(t, open));
                break;
            case Kind.BacklogCompleted:
                if (_random.Chance(Procedures.StillOpen(TimeSpan.FromTicks(t - _start)) * _backlogShare))
                {
                    events.Add(CompleteBacklog(t));
                }

                break;
            case Kind.Call:
                events.Add(Call(t));
                break;
            case Kind.TicketOpened:
                MakeRoom(t, events);
                events.Add(OpenTicket(t));
                break;
            case Kind.Survey:
                events.Add(Survey(t, open));
                break;
            case Kind.Document when _units.Agencies is not null:
                events.Add(Document(t));
                break;
            case Kind.BacklogResolved:
                if (_random.Chance(TicketsStillOpen(TimeSpan.FromTicks(t - _start)) * _backlogTicketShare))
                {
                    events.Add(ResolveBacklog(t));
                }

                break;
        }
    }

    /// <summary>
    /// At the cap, the on-time work planned to finish soonest finishes now: memory stays flat, nothing is left open
    /// for ever, and late work (kept apart, a few percent of the whole) stays late, so the on-time rate stays honest.
    /// </summary>
    private void MakeRoom(long t, List<IocEvent> events)
    {
        if (OpenItems >= _maxOpenItems)
        {
            events.Add(Finish((_onTime.Count > 0 ? _onTime : _late).Dequeue(), t, t));
        }
    }

    private void Plan(Planned work, long finishTicks) =>
        (finishTicks > work.DueTicks ? _late : _onTime).Enqueue(work, (finishTicks, _plannedSeq++));

    /// <summary>A moment in [lo, hi], preferring office hours (officials finish work at their desks), whole seconds.</summary>
    private long PlanWithin(long lo, long hi)
    {
        var t = lo;
        for (var attempt = 0; attempt < 6; attempt++)
        {
            t = lo + (long)((hi - lo) * _random.NextDouble());
            t += (TimeSpan.TicksPerSecond - (t % TimeSpan.TicksPerSecond)) % TimeSpan.TicksPerSecond;
            if (TrafficProfile.OfficeOpen(t))
            {
                break;
            }
        }

        return t;
    }

    private long NextGap()
    {
        if (double.IsPositiveInfinity(_meanGapTicks))
        {
            return long.MaxValue / 2;
        }

        // Whole milliseconds keep timestamps readable at a province's demo rates. At national rates a millisecond is too
        // coarse: with a mean gap under 1 ms nearly every gap rounded up to the 1 ms floor, which capped the arrivals at
        // 1,000 candidates a second whatever the rate asked. There gaps are whole microseconds.
        var unit = _meanGapTicks >= FineGapBelowTicks ? TimeSpan.TicksPerMillisecond : TimeSpan.TicksPerMicrosecond;
        var gap = Math.Round(_random.Exponential(_meanGapTicks) / unit);
        return (long)Math.Clamp(gap, 1, TimeSpan.FromDays(365).Ticks / unit) * unit;
    }

    private string NextId() => _idPrefix + (++_events).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset Local(long utcTicks) => new(utcTicks + VietnamTime.Offset.Ticks, VietnamTime.Offset);

    /// <summary>
    /// Work the generator must finish later: a dossier to complete or a ticket to resolve, either its own
    /// (<see cref="Unit"/> indexes the mix, <see cref="Number"/> makes the id) or adopted from an earlier run.
    /// </summary>
    private readonly record struct Planned(bool IsTicket, int Unit, long Number, long DueTicks, LeftoverWork? Adopted = null);
}
