using IOC.Domain.Events;
using IOC.Domain.Units;
using IOC.Grains.Interfaces;
using IOC.Grains.Messages;
using Microsoft.Extensions.Logging;
using Orleans;

namespace IOC.Grains.Delivery;

/// <summary>
/// Hands the events of one stored batch to their grains: one call per unit per batch, never one per event. An event
/// reaches its ward, its agency, and (naming an agency and no ward) the direct work of the agency's province. The caller delivers
/// batches one after another in inbox order, which is what makes each batch's last sequence number a grain's checkpoint.
/// </summary>
public sealed partial class EventDelivery(IGrainFactory grains, UnitCatalog units, ILogger<EventDelivery> logger)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private const int Attempts = 6;

    // Events a grain could not be reached for: sent again, before its next ones (the grain skips what it already has).
    private readonly Dictionary<UnitKey, List<InboxEvent>> _undelivered = new();

    /// <summary>Events waiting for a grain that could not be reached.</summary>
    public int Undelivered
    {
        get
        {
            lock (_undelivered)
            {
                return _undelivered.Values.Sum(l => l.Count);
            }
        }
    }

    /// <param name="first">
    /// 0 with one writer (batches in inbox order: <paramref name="through"/> is every unit's checkpoint); with a shared
    /// inbox the batch's first number, so each unit records the range instead (docs/cluster.md, "Checkpoints").
    /// </param>
    public async Task DeliverAsync(IReadOnlyList<InboxEvent> events, long through, long first = 0, CancellationToken cancellationToken = default)
    {
        var batches = Split(events, DirectWorkOf);
        lock (_undelivered)
        {
            foreach (var (key, earlier) in _undelivered)
            {
                (batches.TryGetValue(key, out var list) ? list : batches[key] = []).InsertRange(0, earlier);
            }

            _undelivered.Clear();
        }

        await Task.WhenAll(batches.Select(b => DeliverAsync(b.Key, new EventBatch(b.Value, through, first), cancellationToken)));
    }

    /// <summary>The events of each unit: its ward, its agency, and the city's direct work for an agency event without a ward.</summary>
    public static Dictionary<UnitKey, List<InboxEvent>> Split(IReadOnlyList<InboxEvent> events, UnitKey directWork) =>
        Split(events, _ => directWork);

    /// <summary>
    /// The events of each unit: its ward, its agency, and for an agency event without a ward the direct work of the
    /// agency's province (<paramref name="directWorkOf"/>).
    /// </summary>
    public static Dictionary<UnitKey, List<InboxEvent>> Split(IReadOnlyList<InboxEvent> events, Func<string, UnitKey> directWorkOf)
    {
        var batches = new Dictionary<UnitKey, List<InboxEvent>>();
        void Add(UnitKey key, InboxEvent e) => (batches.TryGetValue(key, out var list) ? list : batches[key] = []).Add(e);
        foreach (var e in events)
        {
            var (unit, agency) = (e.Event.Unit, e.Event.Agency);
            if (unit is not null)
            {
                Add(new UnitKey(UnitLevel.Ward, unit), e);
            }

            if (agency is not null)
            {
                Add(new UnitKey(UnitLevel.Agency, agency), e);
                if (unit is null)
                {
                    Add(directWorkOf(agency), e);
                }
            }
        }

        return batches;
    }

    private UnitKey DirectWorkOf(string agency) =>
        units.ProvinceOf(new UnitKey(UnitLevel.Agency, agency)) is { } province ? UnitCatalog.DirectWorkOf(province.Code) : units.DirectWork;

    private async Task DeliverAsync(UnitKey key, EventBatch batch, CancellationToken cancellationToken)
    {
        var retry = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await grains.Unit(key).Fold(batch);
                return;
            }
            catch (Exception ex) when (attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                LogRetry(logger, key.ToString(), batch.Events.Count, attempt, ex.Message);
                await Task.Delay(retry, cancellationToken);
                retry *= 2;
            }
            catch (Exception ex) when (batch.First > 0)
            {
                // A shared inbox: the unit's own tail read counts them within seconds. Sent with a later batch they
                // would lie outside its range, so the unit's cut could not say they are in.
                LogLeftToTailRead(logger, key.ToString(), batch.Events.Count, ex);
                return;
            }
            catch (Exception ex)
            {
                // Stored already: the events stay due to this grain and go with its next batch.
                LogGaveUp(logger, key.ToString(), batch.Events.Count, ex);
                lock (_undelivered)
                {
                    (_undelivered.TryGetValue(key, out var list) ? list : _undelivered[key] = []).AddRange(batch.Events);
                }

                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering {Events} event(s) to {Unit} failed (attempt {Attempt}); retrying: {Reason}")]
    private static partial void LogRetry(ILogger logger, string unit, int events, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver {Events} stored event(s) to {Unit}; its next read of the shared inbox counts them")]
    private static partial void LogLeftToTailRead(ILogger logger, string unit, int events, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not deliver {Events} stored event(s) to {Unit}; they go with its next batch")]
    private static partial void LogGaveUp(ILogger logger, string unit, int events, Exception exception);
}
