using IOC.Domain.Units;
using IOC.Grains.Fold;

namespace IOC.History.Writing;

/// <summary>What one unit saved last: its checkpoint (the inbox events its saved changes include) and its open items.</summary>
public sealed record SavedUnit(FoldCut Checkpoint, List<OpenDossier> Dossiers, List<OpenTicket> Tickets);

/// <summary>
/// Where the history writer saves what the grains hand over — the rows' additions, the open items and each unit's
/// checkpoint, all of a save in one transaction — and where a grain activating finds its checkpoint again. Two kinds:
/// this node's buffer file (<see cref="HistoryBuffer"/>, written out to the store by the writer's loop), or the shared
/// PostgreSQL store itself (<see cref="Postgres.PostgresHistoryStore"/>: the save is the write, no loop), which every
/// node of a cluster reads, so a unit restores from it wherever it activates.
/// </summary>
public interface IHistoryLedger
{
    /// <summary>The file or server, for /health and logs.</summary>
    string Location { get; }

    /// <summary>Every node reads the same checkpoints and rows (a cluster's unit can restore from them on any node).</summary>
    bool Shared { get; }

    /// <summary>Whether anything was ever saved: a first start has no checkpoint at all.</summary>
    bool HasCheckpoints { get; }

    /// <summary>Units whose checkpoint is kept here (shared: whose checkpoint this node saved).</summary>
    int CheckpointedUnits { get; }

    /// <summary>Points older than their resolution's retention when saved (the store would not keep them).</summary>
    long ExpiredPoints { get; }

    /// <summary>
    /// Adds the units' changes to the rows (theirs and their roll-ups') and saves them with the open items and each
    /// unit's newest cut, in one transaction. On failure nothing is saved and the exception goes to the caller, who keeps
    /// the changes. Returns the rows added to.
    /// </summary>
    /// <exception cref="Store.HistoryStoreException">A shared store is down (not rejected) or refused the data (rejected).</exception>
    int Save(IReadOnlyList<UnitChanges> changes, DateTimeOffset now);

    /// <summary>A unit's checkpoint and open items as last saved.</summary>
    Task<SavedUnit> LoadAsync(UnitKey key, CancellationToken cancellationToken);
}
