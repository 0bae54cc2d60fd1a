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
}
