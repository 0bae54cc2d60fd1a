namespace IOC.Grains.Routing;

/// <summary>An inclusive range of inbox sequence numbers.</summary>
public readonly record struct SeqRange(long First, long Last)
{
    public bool Contains(long seq) => seq >= First && seq <= Last;

    public override string ToString() => $"{First}-{Last}";
}

/// <summary>
/// Which inbox events a collect has folded: every sequence up to <see cref="Through"/>, plus the ranges in
/// <see cref="Beyond"/> (batches posted ahead of an earlier one still on its way), and nothing else. What a collect
/// hands over is exactly these events' changes, so a checkpoint saved with them says precisely which inbox
/// events a restart must replay: those after <see cref="Through"/> that are not in <see cref="Beyond"/>.
/// </summary>
public sealed record FoldCut(long Through, IReadOnlyList<SeqRange> Beyond)
{
    public static readonly FoldCut None = new(0, []);

    public bool Equals(FoldCut? other) => other is not null && Through == other.Through && Beyond.SequenceEqual(other.Beyond);

    public override int GetHashCode() => HashCode.Combine(Through, Beyond.Count);

    /// <summary>Whether the event with this sequence number is folded in.</summary>
    public bool Includes(long seq) => seq <= Through || Beyond.Any(r => r.Contains(seq));

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

/// <summary>
/// Batches of inbox events in the order the inbox stored them, and which of them are posted to the shards.
/// Concurrent ingestion may post a later batch before an earlier one; the cut then stops before the earlier one
/// and names the later one in <see cref="FoldCut.Beyond"/>. Thread-safe.
/// </summary>
public sealed class PostedSeqs
{
    private readonly LinkedList<Ticket> _waiting = new();
    private long _through;
    private IReadOnlyList<SeqRange> _restoredBeyond = [];

    /// <summary>
    /// Starts from a saved checkpoint: everything it includes is already folded in (restored from the history store),
    /// and the replay of the inbox tail skips it.
    /// </summary>
    public void Resume(FoldCut cut)
    {
        lock (_waiting)
        {
            _through = cut.Through;
            _restoredBeyond = cut.Beyond;
            _waiting.Clear();
        }
    }

    /// <summary>Call when the inbox has stored a batch, in the inbox's own order (under its writer lock).</summary>
    public Ticket Register(long first, long last)
    {
        var ticket = new Ticket(new SeqRange(first, last));
        lock (_waiting)
        {
            _waiting.AddLast(ticket);
        }

        return ticket;
    }

    internal void Posted(Ticket ticket)
    {
        lock (_waiting)
        {
            ticket.Posted = true;
        }
    }

    internal FoldCut Cut()
    {
        lock (_waiting)
        {
            while (_waiting.First is { Value.Posted: true } first)
            {
                _through = Math.Max(_through, first.Value.Range.Last);
                _waiting.RemoveFirst();
            }

            var beyond = new List<SeqRange>();
            foreach (var range in _restoredBeyond.Concat(_waiting.Where(t => t.Posted).Select(t => t.Range)).Where(r => r.Last > _through).OrderBy(r => r.First))
            {
                // Neighbours merge, so a batch stuck on its way does not make the checkpoint grow with every later batch.
                if (beyond.Count > 0 && range.First <= beyond[^1].Last + 1)
                {
                    beyond[^1] = new SeqRange(beyond[^1].First, Math.Max(beyond[^1].Last, range.Last));
                }
                else
                {
                    beyond.Add(range);
                }
            }

            return new FoldCut(_through, beyond);
        }
    }

    /// <summary>A batch of inbox events on its way to the shards.</summary>
    public sealed class Ticket(SeqRange range)
    {
        public SeqRange Range { get; } = range;

        internal bool Posted { get; set; }
    }
}
