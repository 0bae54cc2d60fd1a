using System.Runtime.InteropServices;
using IOC.Domain.Events;
using IOC.Domain.Kpis;

namespace IOC.Grains.Fold;

/// <summary>A minute of one procedure and intake channel (null channel: a completion whose receipt this grain never saw).</summary>
public readonly record struct ProcedureBucket(long Minute, string Procedure, DossierChannel? Channel)
{
    /// <summary>The procedure of a completion whose receipt this grain never saw.</summary>
    public const string UnknownProcedure = "unknown";
}

/// <summary>One dossier received or completed, as the grain saw it: summed per <see cref="ProcedureBucket"/> off the shard loop.</summary>
public readonly record struct ProcedureEvent(ProcedureBucket Bucket, bool Completed, bool Late);

/// <summary>Dossiers of one procedure and channel: received, completed, and completed late.</summary>
public struct ProcedureCounts
{
    public long Received;
    public long Completed;
    public long CompletedLate;

    public void Add(in ProcedureCounts other)
    {
        Received += other.Received;
        Completed += other.Completed;
        CompletedLate += other.CompletedLate;
    }
}

/// <summary>
/// What a grain folded since the last collect, per local minute: its counters and its dossiers per procedure.
/// The history writer stores it; the city merges the share it counts. Only the owning shard writes one; once
/// handed over (a new one takes its place) it is read-only, so other threads may read it.
/// </summary>
/// <param name="procedures">Room for this many dossier events (a grain sizes each new delta by the one it handed over: no growing on the hot path).</param>
public sealed class GrainDelta(int procedures = 0)
{
    public Dictionary<long, CounterSet> Counters { get; } = new();

    /// <summary>
    /// Dossiers received and completed, one entry each: appending is cheaper on the grain's turn than summing, which
    /// <see cref="ProcedureTotals"/> does later, on the reader's thread.
    /// </summary>
    public List<ProcedureEvent> Procedures { get; } = new(procedures);

    public bool IsEmpty => Counters.Count == 0 && Procedures.Count == 0;

    /// <param name="completing">For a completion: the open dossier it closes (its procedure and channel), when known.</param>
    public void Fold(IocEvent e, long minute, ClosedDossier? completing)
    {
        EventFolder.Fold(e, ref CollectionsMarshal.GetValueRefOrAddDefault(Counters, minute, out _));
        Track(e, minute, completing);
    }

    /// <summary>Adds counters folded from events of one minute (a run of a batch's events: see <see cref="UnitFold.Fold"/>).</summary>
    public void Add(long minute, in CounterSet counters) =>
        CollectionsMarshal.GetValueRefOrAddDefault(Counters, minute, out _).Add(counters);

    /// <summary>Notes a dossier received or completed in its procedure's minute (the counters go by <see cref="Add(long, in CounterSet)"/>).</summary>
    public void Track(IocEvent e, long minute, ClosedDossier? completing)
    {
        switch (e)
        {
            case DossierReceived r:
                Procedures.Add(new ProcedureEvent(new ProcedureBucket(minute, r.Procedure, r.Channel), false, false));
                break;
            case DossierCompleted d:
                var bucket = new ProcedureBucket(minute, completing?.Procedure ?? d.Procedure ?? ProcedureBucket.UnknownProcedure, completing?.Channel);
                Procedures.Add(new ProcedureEvent(bucket, true, EventFolder.Classify(d.CompletedAt, d.DueAt) == Timeliness.Late));
                break;
        }
    }

    /// <summary>Dossiers per minute, procedure and channel.</summary>
    public Dictionary<ProcedureBucket, ProcedureCounts> ProcedureTotals()
    {
        var totals = new Dictionary<ProcedureBucket, ProcedureCounts>();
        foreach (var e in Procedures)
        {
            ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(totals, e.Bucket, out _);
            if (e.Completed)
            {
                counts.Completed++;
                counts.CompletedLate += e.Late ? 1 : 0;
            }
            else
            {
                counts.Received++;
            }
        }

        return totals;
    }

    public void Add(GrainDelta other)
    {
        foreach (var (minute, counters) in other.Counters)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(Counters, minute, out _).Add(counters);
        }

        Procedures.AddRange(other.Procedures);
    }
}
