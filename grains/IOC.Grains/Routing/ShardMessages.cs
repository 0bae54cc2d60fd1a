using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Grains;
using IOC.Grains.State;

namespace IOC.Grains.Routing;

/// <summary>What a shard loop reads from its channel, strictly in order.</summary>
public abstract record ShardMessage;

/// <summary>Events for the grains this shard owns (an event may name a ward and an agency on two shards).</summary>
public sealed record DeliverEvents(IReadOnlyList<IocEvent> Events) : ShardMessage;

/// <summary>Asks for snapshots of the grains that changed (or all, when the clock moved a minute) and the city deltas.</summary>
public sealed record CollectChanges(DateTimeOffset Now, bool Everything, TaskCompletionSource<ShardReport> Reply) : ShardMessage;

/// <summary>Runs a read-only look at the shard's grains on the shard's own loop.</summary>
public sealed record InspectGrains(Action<IGrainDirectory> Look) : ShardMessage;

/// <summary>Creates grains from what the history store held before a restart (before any event reaches them).</summary>
public sealed record RestoreGrains(IReadOnlyList<(UnitKey Key, RestoredState State)> Grains, TaskCompletionSource Reply) : ShardMessage;

/// <param name="CityDeltas">The shares the city counts, to merge into the city grain.</param>
/// <param name="History">Every grain that folded something or opened or closed items since the last collect.</param>
public sealed record ShardReport(
    IReadOnlyList<GrainSnapshot> Changed,
    IReadOnlyList<GrainDelta> CityDeltas,
    IReadOnlyList<GrainChanges> History,
    Gauges CityGauges,
    long EventsFolded);

/// <summary>One grain's changes since the last collect, for the history writer.</summary>
public sealed record GrainChanges(UnitKey Key, GrainDelta? Delta, OpenItemChanges? Open);

/// <summary>The shards' reports of one collect and the inbox events they include.</summary>
public sealed record ShardCollection(IReadOnlyList<ShardReport> Reports, FoldCut Cut);

/// <summary>Read access to the grains of one shard, only valid inside <see cref="InspectGrains"/>.</summary>
public interface IGrainDirectory
{
    UnitGrain? Find(UnitKey key);

    /// <summary>Every ward and agency grain of the shard.</summary>
    IEnumerable<UnitGrain> All { get; }
}
