namespace IOC.Ingestion;

public sealed class IngestionOptions
{
    public int MaxEventsPerRequest { get; set; } = 10_000;

    public long MaxBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Group commit: the most events one inbox transaction (one fsync, one grain call per unit) takes from the requests
    /// waiting; a request is never split, and a larger one goes alone. Bounds how long a request waits for the others.
    /// </summary>
    public int MaxGroupEvents { get; set; } = 10_000;

    /// <summary>Events waiting for the inbox beyond which a request is refused (503, retry after a second): bounds memory when producers outrun the inbox.</summary>
    public int MaxQueuedEvents { get; set; } = 50_000;

    /// <summary>Events whose "at" is older than this many days are refused (1 to 3650; replaying the inbox ignores it).</summary>
    public int MaxEventAgeDays { get; set; } = Parsing.EventRules.DefaultMaxEventAgeDays;

    /// <summary>
    /// Called after each inbox commit with the events stored for the first time (not duplicates), under the ingestion
    /// lock; set in code (procedure names), never from configuration. It must not throw: the batch is already stored.
    /// </summary>
    public Action<IReadOnlyList<Domain.Events.IocEvent>>? OnStored { get; set; }

    /// <summary>SHA-256 hex digests of the accepted producer keys (never the keys themselves).</summary>
    public string[] ApiKeys { get; set; } = [];
}
