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
}
