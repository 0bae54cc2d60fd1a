using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using IOC.Domain.Events;
using IOC.Domain.Units;
using IOC.Grains.Interfaces;
using IOC.Grains.Messages;
using Microsoft.Extensions.Logging;
using Orleans;

namespace IOC.Grains.Delivery;

/// <summary>
/// Hands the events of one stored batch to their grains: one call per unit per batch, never one per event. An event
/// reaches its ward, its agency, and (naming an agency and no ward) the direct work of the agency's province. Each unit gets
/// its batches one after another in inbox order, which is what makes each batch's last sequence number a grain's checkpoint.
/// </summary>
public sealed partial class EventDelivery(IGrainFactory grains, UnitCatalog units, ILogger<EventDelivery> logger)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private const int Attempts = 6;

    // Events a grain could not be reached for: sent again, before its next ones (the grain skips what it already has).
    private readonly Dictionary<UnitKey, List<InboxEvent>> _undelivered = new();

    // Each unit's latest call: the unit's next call waits for it (inbox order per grain; other units go on).
    private readonly Dictionary<UnitKey, Task> _lastCall = new();

    // Kept: Orleans resolves the interface type by reflection on every GetGrain (2–3 % of the CPU at the country's 10×).
    private readonly ConcurrentDictionary<UnitKey, IUnitGrain> _references = new();

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

    /// <summary>
    /// Delivers a stored batch: one call per unit. A unit's call starts when that unit's call for the batch before has
    /// finished, so every grain folds its batches in inbox order (what makes <paramref name="through"/> its checkpoint),
    /// while different units' calls of consecutive batches overlap: a caller may start the next batch before this one's
    /// task completes, and must start them in inbox order. The task completes when every unit has this batch.
    /// </summary>
    /// <param name="first">
    /// 0 with one writer (batches in inbox order: <paramref name="through"/> is every unit's checkpoint); with a shared
    /// inbox the batch's first number, so each unit records the range instead (docs/cluster.md, "Checkpoints").
    /// </param>
    public Task DeliverAsync(IReadOnlyList<InboxEvent> events, long through, long first = 0, CancellationToken cancellationToken = default)
    {
        var batches = Split(events, DirectWorkOf);
        var calls = new List<Task>(batches.Count + 1);
        lock (_lastCall)
        {
            lock (_undelivered)
            {
                // A unit with events it could not be sent gets them with this batch even if the batch has none of its own.
                foreach (var key in _undelivered.Keys)
                {
                    batches.TryAdd(key, []);
                }
            }

            foreach (var (key, list) in batches)
            {
                var call = DeliverAfterAsync(_lastCall.GetValueOrDefault(key) ?? Task.CompletedTask, key, list, through, first, cancellationToken);
                _lastCall[key] = call;
                calls.Add(call);
            }
        }

        return Task.WhenAll(calls);
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
        // Two passes, so that each unit's list is allocated once at its size: growing ~130 lists by doubling cost more
        // than the fold itself (measured: docs/benchmarks.md). The first pass looks each unit up once per event and
        // notes its number; the second only copies.
        var keys = new Dictionary<UnitKey, int>();
        var counts = new List<int>();
        var targets = new int[events.Count * 3];
        int Note(UnitKey key)
        {
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(keys, key, out var known);
            if (!known)
            {
                index = counts.Count;
                counts.Add(0);
            }

            counts[index]++;
            return index + 1;
        }

        for (var i = 0; i < events.Count; i++)
        {
            var (unit, agency) = (events[i].Event.Unit, events[i].Event.Agency);
            targets[3 * i] = unit is null ? 0 : Note(new UnitKey(UnitLevel.Ward, unit));
            targets[(3 * i) + 1] = agency is null ? 0 : Note(new UnitKey(UnitLevel.Agency, agency));
            targets[(3 * i) + 2] = agency is null || unit is not null ? 0 : Note(directWorkOf(agency));
        }

        var lists = new List<InboxEvent>[counts.Count];
        for (var k = 0; k < lists.Length; k++)
        {
            lists[k] = new List<InboxEvent>(counts[k]);
        }

        for (var i = 0; i < targets.Length; i++)
        {
            if (targets[i] > 0)
            {
                lists[targets[i] - 1].Add(events[i / 3]);
            }
        }

        var batches = new Dictionary<UnitKey, List<InboxEvent>>(keys.Count);
        foreach (var (key, index) in keys)
        {
            batches[key] = lists[index];
        }

        return batches;
    }

    private UnitKey DirectWorkOf(string agency) =>
        units.ProvinceOf(new UnitKey(UnitLevel.Agency, agency)) is { } province ? UnitCatalog.DirectWorkOf(province.Code) : units.DirectWork;

    /// <summary>The unit's events of a batch, after its previous call (whose failure is its own caller's to see).</summary>
    private async Task DeliverAfterAsync(Task previous, UnitKey key, List<InboxEvent> events, long through, long first, CancellationToken cancellationToken)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_undelivered)
        {
            // Taken now, not when the batch was split: the call before may have failed since.
            if (_undelivered.Remove(key, out var earlier))
            {
                events.InsertRange(0, earlier);
            }
        }

        await DeliverAsync(key, new EventBatch(events, through, first), cancellationToken);
    }

    private async Task DeliverAsync(UnitKey key, EventBatch batch, CancellationToken cancellationToken)
    {
        var retry = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _references.GetOrAdd(key, static (k, g) => g.Unit(k), grains).Fold(batch);
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
