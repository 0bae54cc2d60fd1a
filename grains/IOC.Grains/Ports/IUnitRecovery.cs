using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.Grains.Messages;

namespace IOC.Grains.Ports;

/// <summary>
/// How a unit grain rebuilds itself when it activates: what the history store and the checkpoint held, then the inbox
/// events of its key after the checkpoint. <paramref name="State"/> is null when the store could not be read: the grain
/// then replays every inbox event of its key, and the changes of those the checkpoint already holds are not saved again.
/// </summary>
public sealed record RecoveryPlan(RestoredState? State, FoldCut Checkpoint, string Source);

/// <summary>
/// A page of a unit's inbox tail: the events that parse, and the last sequence number read — past any stored event that
/// no longer validates (it went to the quarantine), so the unit's cut moves past it too.
/// </summary>
public sealed record InboxPage(IReadOnlyList<InboxEvent> Events, long Through);

public interface IUnitRecovery
{
    Task<RecoveryPlan> PlanAsync(UnitKey key, CancellationToken cancellationToken);

    /// <summary>The inbox events of the key after <paramref name="afterSeq"/> up to <paramref name="throughSeq"/>, oldest first, in pages.</summary>
    IAsyncEnumerable<InboxPage> ReadTailAsync(UnitKey key, long afterSeq, long throughSeq, CancellationToken cancellationToken);
}
