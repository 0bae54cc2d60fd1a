namespace IOC.Grains;

/// <summary>Settings of the grains (section <c>Grains</c>).</summary>
public sealed class GrainOptions
{
    public const string Section = "Grains";

    /// <summary>How often each grain hands its changes to the history, the city and the web hosts (ms).</summary>
    public int TickMilliseconds { get; set; } = 250;

    public TimeSpan Tick => TimeSpan.FromMilliseconds(Math.Max(10, TickMilliseconds));

    /// <summary>
    /// With a shared inbox (a cluster), how often each unit reads its own inbox tail to count events no node delivered
    /// and to move its checkpoint (ms; docs/cluster.md, "Checkpoints"). 0, the embedded default: never (one writer
    /// delivers everything in order).
    /// </summary>
    public int TailReadMilliseconds { get; set; }

    public TimeSpan? TailReadInterval => TailReadMilliseconds > 0 ? TimeSpan.FromMilliseconds(TailReadMilliseconds) : null;

    /// <summary>
    /// Hours of five-minute slots a ward, agency or direct work keeps (25 to 48). Unset: 48 for one province, 25 in
    /// national mode, where 3,321 communes keep only what their province's trend of today needs (about 80 KB less each).
    /// </summary>
    public int? FiveMinuteHours { get; set; }
}
