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
/// delivered twice counts once. Ingestion delivers batches in inbox order, so <see cref="Beyond"/> stays empty in
/// normal operation; it carries what an older checkpoint format recorded (batches stored ahead of an earlier one).
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
    public FoldCut Advance(long through) =>
        through <= Through ? this : new FoldCut(through, Beyond.Count == 0 ? [] : [.. Beyond.Where(r => r.Last > through)]);

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
