using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.Grains.Messages;
using IOC.Grains.Ports;
using IOC.History.Recovery;
using IOC.Ingestion.Inbox;

namespace IOC.Web.Hosting;

/// <summary>
/// What a unit grain rebuilds from: the history store and its checkpoint (IOC.History), then its inbox tail
/// (IOC.Ingestion) — on one node, and in a cluster whose history is shared too. A cluster whose history is not shared:
/// the shared inbox alone, from its first event (<see cref="RecoverySource"/>; docs/cluster.md, "Recovery").
/// </summary>
public sealed class GrainRecovery(UnitRestorer restorer, InboxTail tail, RecoverySource source) : IUnitRecovery
{
    public async Task<RecoveryPlan> PlanAsync(UnitKey key, CancellationToken cancellationToken)
    {
        if (source.InboxAlone)
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
