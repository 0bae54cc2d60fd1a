using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Grains.Grains;

namespace IOC.Grains.Routing;

/// <summary>What a shard loop reads from its channel, strictly in order.</summary>
public abstract record ShardMessage;

/// <summary>Events for the grains this shard owns (an event may name a ward and an agency on two shards).</summary>
public sealed record DeliverEvents(IReadOnlyList<IocEvent> Events) : ShardMessage;

/// <summary>Asks for snapshots of the grains that changed (or all, when the clock moved a minute) and the city deltas.</summary>
public sealed record CollectChanges(DateTimeOffset Now, bool Everything, TaskCompletionSource<ShardReport> Reply) : ShardMessage;

/// <summary>Runs a read-only look at the shard's grains on the shard's own loop.</summary>
public sealed record InspectGrains(Action<IGrainDirectory> Look) : ShardMessage;

public sealed record ShardReport(
    IReadOnlyList<GrainSnapshot> Changed,
    IReadOnlyList<Dictionary<long, CounterSet>> CityDeltas,
    Gauges CityGauges,
    long EventsFolded);

/// <summary>Read access to the grains of one shard, only valid inside <see cref="InspectGrains"/>.</summary>
public interface IGrainDirectory
{
    UnitGrain? Find(IOC.Domain.Units.UnitKey key);

    /// <summary>Every ward and agency grain of the shard.</summary>
    IEnumerable<UnitGrain> All { get; }
}
