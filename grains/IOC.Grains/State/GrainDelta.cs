using System.Runtime.InteropServices;
using IOC.Domain.Events;
using IOC.Domain.Kpis;

namespace IOC.Grains.State;

/// <summary>A minute of one procedure and intake channel (null channel: a completion whose receipt this grain never saw).</summary>
public readonly record struct ProcedureBucket(long Minute, string Procedure, DossierChannel? Channel)
{
    /// <summary>The procedure of a completion whose receipt this grain never saw.</summary>
    public const string UnknownProcedure = "unknown";
}

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
public sealed class GrainDelta
{
    public Dictionary<long, CounterSet> Counters { get; } = new();

    public Dictionary<ProcedureBucket, ProcedureCounts> Procedures { get; } = new();

    public bool IsEmpty => Counters.Count == 0 && Procedures.Count == 0;

    /// <param name="completing">For a completion: the open dossier it closes (its procedure and channel), when known.</param>
    public void Fold(IocEvent e, long minute, OpenDossier? completing)
    {
        EventFolder.Fold(e, ref CollectionsMarshal.GetValueRefOrAddDefault(Counters, minute, out _));
        switch (e)
        {
            case DossierReceived r:
                CollectionsMarshal.GetValueRefOrAddDefault(Procedures, new ProcedureBucket(minute, r.Procedure, r.Channel), out _).Received++;
                break;
            case DossierCompleted d:
                var key = new ProcedureBucket(minute, completing?.Procedure ?? ProcedureBucket.UnknownProcedure, completing?.Channel);
                ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(Procedures, key, out _);
                counts.Completed++;
                if (EventFolder.Classify(d.CompletedAt, d.DueAt) == Timeliness.Late)
                {
                    counts.CompletedLate++;
                }

                break;
        }
    }

    public void Add(GrainDelta other)
    {
        foreach (var (minute, counters) in other.Counters)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(Counters, minute, out _).Add(counters);
        }

        foreach (var (bucket, counts) in other.Procedures)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(Procedures, bucket, out _).Add(counts);
        }
    }
}
