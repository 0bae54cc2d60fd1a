namespace IOC.Live.Hub;

/// <summary>Settings of the KPI hub (section <c>Hub</c>).</summary>
public sealed class KpiHubOptions
{
    public const string Section = "Hub";

    /// <summary>At most one update per group per interval: 250 ms is the design's four updates a second.</summary>
    public int MinUpdateIntervalMilliseconds { get; set; } = 250;

    /// <summary>
    /// A connection whose send has waited this long for the client to read is aborted: it would only see stale
    /// figures, and its socket buffers are memory the server holds. A client that reconnects gets a snapshot.
    /// </summary>
    public int StuckClientSeconds { get; set; } = 10;
}
