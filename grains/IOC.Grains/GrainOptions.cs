namespace IOC.Grains;

/// <summary>Settings of the grains (section <c>Grains</c>).</summary>
public sealed class GrainOptions
{
    public const string Section = "Grains";

    /// <summary>How often each grain hands its changes to the history, the city and the web hosts (ms).</summary>
    public int TickMilliseconds { get; set; } = 250;

    public TimeSpan Tick => TimeSpan.FromMilliseconds(Math.Max(10, TickMilliseconds));
}
