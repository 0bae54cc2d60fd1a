namespace IOC.Live.Hub;

/// <summary>Settings of the KPI hub (section <c>Hub</c>).</summary>
public sealed class KpiHubOptions
{
    public const string Section = "Hub";

    /// <summary>At most one update per group per interval: 250 ms is the design's four updates a second.</summary>
    public int MinUpdateIntervalMilliseconds { get; set; } = 250;

    /// <summary>
    /// How often this host hands what the grains pushed to the hub and the pages. A unit publishes on its own tick
    /// (<c>Grains:TickMilliseconds</c>, 250 ms); ticking here at that pace too would add up to another 250 ms to every
    /// update (p99 freshness 637 ms at 10,000 events/s, docs/benchmarks.md). A tick with nothing changed costs nothing,
    /// and no group gets more than <see cref="MinUpdateIntervalMilliseconds"/> allows.
    /// </summary>
    public int LiveTickMilliseconds { get; set; } = 50;

    /// <summary>
    /// A connection whose send has waited this long for the client to read is aborted: it would only see stale
    /// figures, and its socket buffers are memory the server holds. A client that reconnects gets a snapshot.
    /// </summary>
    public int StuckClientSeconds { get; set; } = 10;
}
