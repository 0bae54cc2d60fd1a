using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Messages;

namespace IOC.Grains.Fold;

/// <summary>
/// A contributor's shares for the city, numbered, kept until the city has taken them (a failed send is sent again with
/// the next ones, never merged, so the city can apply each exactly once). Past <see cref="MaxPending"/> the oldest are
/// dropped: the city then sees a number missing and rebuilds itself from every contributor's whole state.
/// </summary>
public sealed class ShareOutbox(UnitKey from)
{
    /// <summary>Tells this activation's shares from an earlier one's: a contributor rebuilt is a new one to the city.</summary>
    public long Incarnation { get; } = Random.Shared.NextInt64(1, long.MaxValue);

    /// <summary>About a minute of shares at four a second: a city unreachable for longer rebuilds instead.</summary>
    public const int MaxPending = 240;

    private readonly List<CityShare> _pending = [];
    private Gauges _lastGauges;

    public long LastNumber { get; private set; }

    public IReadOnlyList<CityShare> Pending => _pending;

    /// <summary>Queues a share of <paramref name="delta"/> when it holds counters or the gauges moved; returns whether it did.</summary>
    public bool Add(GrainDelta? delta, Gauges gauges) => Add(delta?.Counters, gauges);

    /// <summary>
    /// Queues a share of <paramref name="minutes"/> when it holds counters, the gauges moved, or <paramref name="force"/>
    /// (a contributor rebuilt must be heard of, so the roll-up above notices its new incarnation); returns whether it did.
    /// </summary>
    public bool Add(IReadOnlyDictionary<long, CounterSet>? minutes, Gauges gauges, bool force = false)
    {
        if (!force && (minutes is null || minutes.Count == 0) && gauges == _lastGauges)
        {
            return false;
        }

        LastNumber++;
        _lastGauges = gauges;
        _pending.Add(new CityShare(from, Incarnation, LastNumber, minutes ?? Empty, gauges));
        if (_pending.Count > MaxPending)
        {
            _pending.RemoveRange(0, _pending.Count - MaxPending);
        }

        return true;
    }

    /// <summary>The city took every share up to <paramref name="number"/>.</summary>
    public void Acknowledge(long number) => _pending.RemoveAll(s => s.Number <= number);

    /// <summary>Everything pending is included in a whole contribution the city just pulled.</summary>
    public void Clear() => _pending.Clear();

    private static readonly IReadOnlyDictionary<long, CounterSet> Empty = new Dictionary<long, CounterSet>();
}
