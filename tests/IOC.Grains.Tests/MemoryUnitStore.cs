using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.Grains.Messages;
using IOC.Grains.Ports;

namespace IOC.Grains.Tests;

/// <summary>
/// An inbox and a history store in memory, for grain tests: events are kept by unit key with their sequence numbers,
/// saved changes are summed per unit, and a unit restores from what was saved plus its tail, as in production.
/// Records which keys' tails were read, and how many events each read returned.
/// </summary>
public sealed class MemoryUnitStore : IUnitRecovery, IHistorySink
{
    private readonly ConcurrentDictionary<UnitKey, List<InboxEvent>> _inbox = new();
    private readonly ConcurrentDictionary<UnitKey, Saved> _saved = new();
    private readonly ConcurrentQueue<UnitChanges> _queued = new();
    private long _seq;

    public ConcurrentQueue<(UnitKey Key, int Events)> TailReads { get; } = new();

    /// <summary>While true, handed-over changes are lost, as a crash loses what was not saved yet.</summary>
    public bool LoseChanges { get; set; }

    /// <summary>Stores events as the inbox does (the next sequence numbers) under the keys their grains read.</summary>
    public List<InboxEvent> Store(params IOC.Domain.Events.IocEvent[] events)
    {
        var stored = new List<InboxEvent>();
        foreach (var e in events)
        {
            var record = new InboxEvent(Interlocked.Increment(ref _seq), e);
            stored.Add(record);
            if (e.Unit is { } unit)
            {
                Append(new UnitKey(UnitLevel.Ward, unit), record);
            }

            if (e.Agency is { } agency)
            {
                Append(new UnitKey(UnitLevel.Agency, agency), record);
                if (e.Unit is null)
                {
                    Append(new UnitKey(UnitLevel.Direct, UnitCatalog.CityCode), record);
                }
            }
        }

        return stored;
    }

    public FoldCut CheckpointOf(UnitKey key) => _saved.TryGetValue(key, out var saved) ? saved.Cut : FoldCut.None;

    public void Enqueue(UnitChanges changes)
    {
        if (!LoseChanges)
        {
            _queued.Enqueue(changes);
        }
    }

    public Task SaveAsync(CancellationToken cancellationToken)
    {
        while (_queued.TryDequeue(out var changes))
        {
            var saved = _saved.GetOrAdd(changes.Key, _ => new Saved());
            lock (saved)
            {
                foreach (var (minute, counters) in changes.Delta?.Counters ?? [])
                {
                    saved.Minutes[minute] = saved.Minutes.GetValueOrDefault(minute).Plus(counters);
                }

                foreach (var (id, dossier) in changes.Open?.Dossiers ?? [])
                {
                    if (dossier is null)
                    {
                        saved.Dossiers.Remove(id);
                    }
                    else
                    {
                        saved.Dossiers[id] = dossier;
                    }
                }

                saved.Cut = changes.Cut;
            }
        }

        return Task.CompletedTask;
    }

    public async Task<RecoveryPlan> PlanAsync(UnitKey key, CancellationToken cancellationToken)
    {
        await SaveAsync(cancellationToken);
        if (!_saved.TryGetValue(key, out var saved))
        {
            return new RecoveryPlan(new RestoredState(), FoldCut.None, "memory (nothing saved)");
        }

        lock (saved)
        {
            // Every saved minute as a day, a five-minute slot and a minute: the buckets keep what their range holds.
            var state = new RestoredState
            {
                Days = [.. saved.Minutes.GroupBy(m => VietnamTime.DayKeyOfMinute(m.Key)).Select(g => (g.Key, Sum(g.Select(m => m.Value))))],
                FiveMinutes = [.. saved.Minutes.GroupBy(m => m.Key / 5).Select(g => (g.Key, Sum(g.Select(m => m.Value))))],
                Minutes = [.. saved.Minutes.Select(m => (m.Key, m.Value))],
                OpenDossiers = [.. saved.Dossiers.Values],
            };
            return new RecoveryPlan(state, saved.Cut, "memory");
        }
    }

    public async IAsyncEnumerable<InboxPage> ReadTailAsync(UnitKey key, long afterSeq, long throughSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var tail = _inbox.TryGetValue(key, out var events) ? events.Where(e => e.Seq > afterSeq && e.Seq <= throughSeq).ToList() : [];
        TailReads.Enqueue((key, tail.Count));
        if (tail.Count > 0)
        {
            yield return new InboxPage(tail, tail[^1].Seq);
        }
    }

    private void Append(UnitKey key, InboxEvent record) => _inbox.GetOrAdd(key, _ => []).Add(record);

    private static CounterSet Sum(IEnumerable<CounterSet> sets)
    {
        var sum = default(CounterSet);
        foreach (var set in sets)
        {
            sum.Add(set);
        }

        return sum;
    }

    private sealed class Saved
    {
        public Dictionary<long, CounterSet> Minutes { get; } = new();

        public Dictionary<string, OpenDossier> Dossiers { get; } = new();

        public FoldCut Cut { get; set; } = FoldCut.None;
    }
}

internal static class CounterSetMath
{
    public static CounterSet Plus(this CounterSet a, CounterSet b)
    {
        a.Add(b);
        return a;
    }
}
