using IOC.Domain.Units;
using IOC.Grains.Messages;
using IOC.Grains.Ports;
using IOC.History.Recovery;
using IOC.Ingestion.Inbox;

namespace IOC.Web.Hosting;

/// <summary>What a unit grain rebuilds from: the history store and checkpoint (IOC.History), then its inbox tail (IOC.Ingestion).</summary>
public sealed class GrainRecovery(UnitRestorer restorer, InboxTail tail) : IUnitRecovery
{
    public async Task<RecoveryPlan> PlanAsync(UnitKey key, CancellationToken cancellationToken)
    {
        var restore = await restorer.RestoreAsync(key, cancellationToken);
        return new RecoveryPlan(restore.State, restore.Checkpoint, restore.Source);
    }

    public IAsyncEnumerable<InboxPage> ReadTailAsync(UnitKey key, long afterSeq, long throughSeq, CancellationToken cancellationToken) =>
        tail.ReadAsync(key, afterSeq, throughSeq, cancellationToken);
}
