using IOC.History.Writing;
using IOC.Ingestion.Inbox;

namespace IOC.Web.Hosting;

/// <summary>
/// The one decision of what a unit grain rebuilds from, for <see cref="GrainRecovery"/> (each activation) and
/// <see cref="GrainWarmup"/> (the start). A unit rebuilds from the inbox alone, from its first event, only when the
/// inbox is shared (a cluster) and the history is not: its checkpoint and unwritten rows would then be on the disk of
/// the node that folded them, maybe a dead one. With the history's rows and checkpoints shared too
/// (<c>History:Store=postgres</c>), or with neither shared (one node), a unit restores from the history and its
/// checkpoint and replays only its inbox tail after it (docs/cluster.md, "Recovery in a cluster").
/// </summary>
public sealed class RecoverySource(IInbox inbox, HistoryWriter writer)
{
    public bool InboxAlone => inbox.Shared && !writer.Ledger.Shared;
}
