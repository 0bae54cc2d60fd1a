using IOC.Grains.Interfaces;
using IOC.Grains.Ports;
using IOC.Ingestion.Inbox;
using Orleans;

namespace IOC.Web.Hosting;

/// <summary>One quarantined event after a replay: counted now, or why not yet.</summary>
public sealed record ReplayOutcome(QuarantinedEvent Event, bool Counted, string? Reason);

/// <summary>
/// Replays the quarantine after a fix (seed data restored, a new version): each event is read from the inbox and
/// parsed as it was accepted, then its unit's grain folds it; what is counted leaves the quarantine.
/// </summary>
public sealed class QuarantineReplay(Quarantine quarantine, InboxTail inbox, IGrainFactory grains)
{
    public async Task<IReadOnlyList<ReplayOutcome>> ReplayAsync()
    {
        var outcomes = new List<ReplayOutcome>();
        foreach (var e in quarantine.Latest(int.MaxValue).OrderBy(e => e.Seq))
        {
            var (read, reason) = inbox.ReadOne(e.Seq);
            // The grain releases what it counts, in the same turn as the fold.
            reason ??= await grains.Unit(e.Unit).Refold(read!.Value);
            outcomes.Add(new ReplayOutcome(e, reason is null, reason));
        }

        return outcomes;
    }
}
