using IOC.Domain.Units;
using IOC.Grains.Fold;

namespace IOC.Grains.Ports;

/// <summary>
/// Where a unit grain hands its changes (the history writer of its silo). Each unit's changes carry its cut, saved with
/// them as its checkpoint; the city's history is the sum of its contributors' changes, saved in the same transaction.
/// </summary>
public interface IHistorySink
{
    /// <summary>Queues changes for the next save (never blocks on the store).</summary>
    void Enqueue(UnitChanges changes);

    /// <summary>Saves what is queued now (a grain deactivating waits, so its next activation finds its checkpoint).</summary>
    Task SaveAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Drops the unit's changes not saved yet: its deactivation could not save them, so its next activation (on this
    /// node or another) replays their events from its saved checkpoint, and saving them later would count them twice.
    /// </summary>
    void Forget(UnitKey key)
    {
        // A sink that saves synchronously keeps nothing to drop.
    }
}
