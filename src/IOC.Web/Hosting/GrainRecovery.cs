using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.Grains.Messages;
using IOC.Grains.Ports;
using IOC.History.Recovery;
using IOC.Ingestion.Inbox;

namespace IOC.Web.Hosting;

/// <summary>
/// What a unit grain rebuilds from. One node: the history store and this node's checkpoint (IOC.History), then its
/// inbox tail (IOC.Ingestion). A cluster (a shared inbox): the shared inbox alone, from its first event, because the
/// checkpoint and the history rows not yet written out live on the node that folded them, which may be the dead one
/// (docs/cluster.md, "Recovery").
/// </summary>
public sealed class GrainRecovery(UnitRestorer restorer, InboxTail tail, IInbox inbox) : IUnitRecovery
{
    public async Task<RecoveryPlan> PlanAsync(UnitKey key, CancellationToken cancellationToken)
    {
        if (inbox.Shared)
        {
            return new RecoveryPlan(null, FoldCut.None, "the shared inbox (cluster)");
        }

        var restore = await restorer.RestoreAsync(key, cancellationToken);
        return new RecoveryPlan(restore.State, restore.Checkpoint, restore.Source);
    }

    public IAsyncEnumerable<InboxPage> ReadTailAsync(UnitKey key, long afterSeq, long throughSeq, CancellationToken cancellationToken) =>
        tail.ReadAsync(key, afterSeq, throughSeq, cancellationToken);

    public Task<long> LastSeqAsync(CancellationToken cancellationToken) => tail.LastSeqAsync(cancellationToken);
}
