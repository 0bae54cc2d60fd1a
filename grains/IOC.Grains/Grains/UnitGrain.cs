using System.Runtime.InteropServices;
using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.State;

namespace IOC.Grains.Grains;

/// <summary>
/// What a ward and an agency have in common: they fold raw events into buckets and open items,
/// and keep the per-minute delta that the city merges on the next tick (pre-aggregate, then forward).
/// Only the shard that owns the key ever touches a grain, so nothing here locks.
/// </summary>
public abstract class UnitGrain(UnitKey key)
{
    private readonly CounterBuckets _buckets = new();
    private readonly OpenItems _open = new();
    private Dictionary<long, CounterSet> _cityDelta = new();

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
        _buckets.Fold(e);
        _open.Track(e, forCity);
        if (forCity)
        {
            EventFolder.Fold(e, ref CollectionsMarshal.GetValueRefOrAddDefault(_cityDelta, VietnamTime.MinuteKey(e.At), out _));
        }

        Dirty = true;
    }

    /// <summary>Hands over what the city has not merged yet and starts a new delta.</summary>
    public Dictionary<long, CounterSet>? TakeCityDelta()
    {
        if (_cityDelta.Count == 0)
        {
            return null;
        }

        var delta = _cityDelta;
        _cityDelta = new();
        return delta;
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
}
