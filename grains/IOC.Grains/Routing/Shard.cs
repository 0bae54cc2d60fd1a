using System.Threading.Channels;
using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Grains.State;
using IOC.Domain.Units;
using IOC.Grains.Grains;

namespace IOC.Grains.Routing;

/// <summary>
/// One loop reading one channel; it owns its grains outright, so folding takes no locks
/// (thread-per-core, like an Orleans activation or a Seastar shard).
/// </summary>
public sealed class Shard : IGrainDirectory
{
    private readonly int _index;
    private readonly ShardMap _map;
    private readonly Channel<ShardMessage> _channel;
    private readonly Dictionary<string, WardGrain> _wards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgencyGrain> _agencies = new(StringComparer.Ordinal);
    private long _eventsFolded;
    private long _faults;

    public Shard(int index, ShardMap map, int capacity)
    {
        _index = index;
        _map = map;
        _channel = Channel.CreateBounded<ShardMessage>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public int QueueLength => _channel.Reader.Count;

    public int GrainCount => _wards.Count + _agencies.Count;

    public long EventsFolded => Interlocked.Read(ref _eventsFolded);

    public long Faults => Interlocked.Read(ref _faults);

    public Exception? LastFault { get; private set; }

    /// <summary>Waits while the channel is full: ingestion slows down instead of memory growing.</summary>
    public ValueTask PostAsync(ShardMessage message, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(message, cancellationToken);

    public void Complete() => _channel.Writer.TryComplete();

    public async Task RunAsync()
    {
        await foreach (var message in _channel.Reader.ReadAllAsync())
        {
            try
            {
                Handle(message);
            }
            catch (Exception ex)
            {
                // Events were validated before they reached us; a throw here is a bug. Keep the other grains live
                // and report it through /health rather than stopping every KPI of the city.
                Interlocked.Increment(ref _faults);
                LastFault = ex;
                if (message is CollectChanges collect)
                {
                    collect.Reply.TrySetException(ex);
                }
                else if (message is RestoreGrains restore)
                {
                    restore.Reply.TrySetException(ex);
                }
            }
        }
    }

    UnitGrain? IGrainDirectory.Find(UnitKey key) => key.Level switch
    {
        UnitLevel.Ward => _wards.GetValueOrDefault(key.Code),
        UnitLevel.Agency => _agencies.GetValueOrDefault(key.Code),
        _ => null,
    };

    IEnumerable<UnitGrain> IGrainDirectory.All => Grains;

    private IEnumerable<UnitGrain> Grains => _wards.Values.Cast<UnitGrain>().Concat(_agencies.Values);

    private void Handle(ShardMessage message)
    {
        switch (message)
        {
            case DeliverEvents deliver:
                Fold(deliver.Events);
                break;
            case CollectChanges collect:
                collect.Reply.TrySetResult(Collect(collect.Now, collect.Everything));
                break;
            case InspectGrains inspect:
                inspect.Look(this);
                break;
            case RestoreGrains restore:
                foreach (var (key, state) in restore.Grains)
                {
                    Grain(key).Restore(state);
                }

                restore.Reply.TrySetResult();
                break;
        }
    }

    private void Fold(IReadOnlyList<IocEvent> events)
    {
        var folded = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];

            // The router sent an event here because this shard owns its ward or its agency; only an event
            // that names both may concern one grain here and one elsewhere, so only then is the owner checked.
            var both = e.Unit is not null && e.Agency is not null;
            if (e.Unit is { } ward && (!both || _map.ShardOf(new UnitKey(UnitLevel.Ward, ward)) == _index))
            {
                Ward(ward).Receive(e);
                folded++;
            }

            if (e.Agency is { } agency && (!both || _map.ShardOf(new UnitKey(UnitLevel.Agency, agency)) == _index))
            {
                Agency(agency).Receive(e);
                folded++;
            }
        }

        Interlocked.Add(ref _eventsFolded, folded);
    }

    private ShardReport Collect(DateTimeOffset now, bool everything)
    {
        var changed = new List<GrainSnapshot>();
        var cityDeltas = new List<GrainDelta>();
        var history = new List<GrainChanges>();
        var cityGauges = default(Gauges);
        foreach (var grain in Grains)
        {
            if (everything || grain.Dirty)
            {
                var previous = grain.LastSnapshot;
                var snapshot = grain.Snapshot(now);
                if (!snapshot.SameFiguresAs(previous))
                {
                    changed.Add(snapshot);
                }
            }

            var deltas = grain.TakeDeltas();
            if (deltas.City is { } city)
            {
                cityDeltas.Add(city);
            }

            if (deltas.Unit is not null || deltas.Open is not null)
            {
                history.Add(new GrainChanges(grain.Key, deltas.Unit, deltas.Open));
            }

            cityGauges += grain.CityGauges;
        }

        return new ShardReport(changed, cityDeltas, history, cityGauges, EventsFolded);
    }

    private UnitGrain Grain(UnitKey key) => key.Level switch
    {
        UnitLevel.Ward => Ward(key.Code),
        UnitLevel.Agency => Agency(key.Code),
        _ => throw new ArgumentException($"A shard holds wards and agencies, not {key}.", nameof(key)),
    };

    private WardGrain Ward(string code)
    {
        if (!_wards.TryGetValue(code, out var grain))
        {
            grain = new WardGrain(code);
            _wards.Add(code, grain);
        }

        return grain;
    }

    private AgencyGrain Agency(string code)
    {
        if (!_agencies.TryGetValue(code, out var grain))
        {
            grain = new AgencyGrain(code);
            _agencies.Add(code, grain);
        }

        return grain;
    }
}
