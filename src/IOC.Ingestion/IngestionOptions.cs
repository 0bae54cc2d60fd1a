namespace IOC.Ingestion;

public sealed class IngestionOptions
{
    public int MaxEventsPerRequest { get; set; } = 10_000;

    public long MaxBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Events whose "at" is older than this many days are refused (1 to 3650; replaying the inbox ignores it).</summary>
    public int MaxEventAgeDays { get; set; } = Parsing.EventRules.DefaultMaxEventAgeDays;

    /// <summary>SHA-256 hex digests of the accepted producer keys (never the keys themselves).</summary>
    public string[] ApiKeys { get; set; } = [];
}
