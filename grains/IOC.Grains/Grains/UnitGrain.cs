using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.State;

namespace IOC.Grains.Grains;

/// <summary>What a grain handed over at a collect: see <see cref="UnitGrain.TakeDeltas"/>.</summary>
/// <param name="Unit">Everything folded since the last collect (for the history store).</param>
/// <param name="City">The share the city counts through this grain; the same object as <paramref name="Unit"/> for a ward.</param>
/// <param name="Open">Open items opened or closed since the last collect.</param>
public readonly record struct GrainDeltas(GrainDelta? Unit, GrainDelta? City, OpenItemChanges? Open);

/// <summary>
/// What a ward and an agency have in common: they fold raw events into buckets and open items,
/// and keep the per-minute delta that the city merges on the next tick (pre-aggregate, then forward)
/// and that the history writer stores. Only the shard that owns the key ever touches a grain, so nothing here locks.
/// </summary>
public abstract class UnitGrain(UnitKey key)
{
    private readonly CounterBuckets _buckets = new();
    private readonly OpenItems _open = new();
    private GrainDelta _delta = new();
    private GrainDelta _cityDelta = new();

    public UnitKey Key { get; } = key;

    /// <summary>Something was folded since the last snapshot.</summary>
    public bool Dirty { get; private set; }

    /// <summary>The city's gauges through this grain, as of the last snapshot.</summary>
    public Gauges CityGauges { get; private set; }

    public GrainSnapshot? LastSnapshot { get; private set; }

    /// <summary>Live views: read them on the shard's loop only (see <c>GrainRouter.InspectAsync</c>).</summary>
    public IReadOnlyCollection<OpenDossier> OpenDossiers => _open.Dossiers;

    /// <inheritdoc cref="OpenDossiers"/>
    public IReadOnlyCollection<OpenTicket> OpenTickets => _open.Tickets;

    public void Receive(IocEvent e)
    {
        var forCity = CountsForCity(e);
        var minute = VietnamTime.MinuteKey(e.At);
        _buckets.Fold(e);
        var completing = _open.Track(e, forCity);
        _delta.Fold(e, minute, completing);
        if (forCity && !CityCountsEveryEvent)
        {
            _cityDelta.Fold(e, minute, completing);
        }

        Dirty = true;
    }

    /// <summary>Hands over what was folded since the last call (for the city and the history) and starts new deltas.</summary>
    public GrainDeltas TakeDeltas()
    {
        var unit = _delta.IsEmpty ? null : _delta;
        var city = CityCountsEveryEvent ? unit : _cityDelta.IsEmpty ? null : _cityDelta;
        if (unit is not null)
        {
            _delta = new();
        }

        if (city is not null && !CityCountsEveryEvent)
        {
            _cityDelta = new();
        }

        return new GrainDeltas(unit, city, _open.TakeChanges());
    }

    /// <summary>Puts back what the history store and checkpoint held before a restart. Not a change: no delta.</summary>
    public void Restore(RestoredState state)
    {
        _buckets.Restore(state);
        _open.Restore(state.OpenDossiers, state.OpenTickets);
        Dirty = true;
    }

    public GrainSnapshot Snapshot(DateTimeOffset now)
    {
        var (gauges, cityGauges) = _open.Measure(now);
        CityGauges = cityGauges;
        Dirty = false;
        LastSnapshot = new GrainSnapshot(Key, now, WindowCounters.From(w => _buckets.Window(w, now)), gauges);
        return LastSnapshot;
    }

    public IReadOnlyList<(DateTimeOffset Start, CounterSet Counters)> TodayByFiveMinutes(DateTimeOffset now) =>
        _buckets.TodayByFiveMinutes(now);

    /// <summary>Whether the city counts this event through this grain (never twice through two grains).</summary>
    protected abstract bool CountsForCity(IocEvent e);

    /// <summary>True when <see cref="CountsForCity"/> is always true: the city's delta is then the grain's own.</summary>
    protected virtual bool CityCountsEveryEvent => false;
}
