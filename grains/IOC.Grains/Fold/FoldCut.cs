namespace IOC.Grains.Fold;

/// <summary>An inclusive range of inbox sequence numbers.</summary>
public readonly record struct SeqRange(long First, long Last)
{
    public bool Contains(long seq) => seq >= First && seq <= Last;

    public override string ToString() => $"{First}-{Last}";
}

/// <summary>
/// Which inbox events of one unit its fold includes: every one up to <see cref="Through"/>, plus the ranges in
/// <see cref="Beyond"/>, and nothing else. A grain keeps its cut as it folds and saves it with its history changes, so a
/// restart (or a reactivation elsewhere) replays exactly the events of its key the saved state lacks, and a batch
/// delivered twice counts once. With one writer (the embedded default) ingestion delivers batches in inbox order, so
/// <see cref="Beyond"/> stays empty. With a shared inbox several nodes deliver in no common order: each batch is
/// recorded as its range (<see cref="Include"/>) and <see cref="Through"/> moves when the grain reads its own tail
/// (docs/cluster.md, "Checkpoints").
/// </summary>
public sealed record FoldCut(long Through, IReadOnlyList<SeqRange> Beyond)
{
    public static readonly FoldCut None = new(0, []);

    public bool Equals(FoldCut? other) => other is not null && Through == other.Through && Beyond.SequenceEqual(other.Beyond);

    public override int GetHashCode() => HashCode.Combine(Through, Beyond.Count);

    /// <summary>Whether the event with this sequence number is folded in.</summary>
    public bool Includes(long seq) => seq <= Through || (Beyond.Count > 0 && Beyond.Any(r => r.Contains(seq)));

    /// <summary>
    /// The cut after every event of the key up to <paramref name="through"/> is folded (a delivered batch, or a read of
    /// the key's inbox tail): ranges it covers are dropped.
    /// </summary>
    public FoldCut Advance(long through)
    {
        if (through <= Through)
        {
            return this;
        }

        if (Beyond.Count == 0)
        {
            return new FoldCut(through, []);
        }

        // A range that starts at or below the new end continues it.
        var left = Beyond.Where(r => r.Last > through).ToList();
        while (left.Count > 0 && left[0].First <= through + 1)
        {
            through = left[0].Last;
            left.RemoveAt(0);
        }

        return new FoldCut(through, left);
    }

    /// <summary>
    /// The cut after every event of the unit numbered within <paramref name="range"/> is folded (a batch of a shared
    /// inbox: no other event is numbered inside its range). Overlapping and adjacent ranges merge; a range that reaches
    /// <see cref="Through"/> moves it.
    /// </summary>
    public FoldCut Include(SeqRange range)
    {
        if (range.Last <= Through)
        {
            return this;
        }

        var ranges = new List<SeqRange>(Beyond.Count + 1);
        var merged = range;
        foreach (var r in Beyond)
        {
            if (r.Last + 1 < merged.First || merged.Last + 1 < r.First)
            {
                ranges.Add(r);
            }
            else
            {
                merged = new SeqRange(Math.Min(r.First, merged.First), Math.Max(r.Last, merged.Last));
            }
        }

        if (merged.First <= Through + 1)
        {
            return new FoldCut(merged.Last, [.. ranges.Where(r => r.Last > merged.Last)]);
        }

        ranges.Add(merged);
        ranges.Sort((a, b) => a.First.CompareTo(b.First));
        return new FoldCut(Through, ranges);
    }

    /// <summary>"120" or "120 + 131-140,150-152": the form the checkpoint is saved in.</summary>
    public override string ToString() => Beyond.Count == 0 ? Through.ToString() : $"{Through} + {string.Join(',', Beyond)}";

    public static FoldCut Parse(string text)
    {
        var parts = text.Split(" + ", 2);
        var beyond = parts.Length == 1 || parts[1].Length == 0
            ? []
            : parts[1].Split(',').Select(r => r.Split('-')).Select(r => new SeqRange(long.Parse(r[0]), long.Parse(r[1]))).ToList();
        return new FoldCut(long.Parse(parts[0]), beyond);
    }
}
