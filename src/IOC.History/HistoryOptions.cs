namespace IOC.History;

/// <summary>Settings under <c>History:</c>; see docs/history.md.</summary>
public sealed class HistoryOptions
{
    public const string Sqlite = "sqlite";
    public const string InfluxDb = "influxdb";
    public const string Postgres = "postgres";

    /// <summary>
    /// <c>sqlite</c> (embedded, in the data directory), <c>influxdb</c> (InfluxDB 1.x at <see cref="InfluxUrl"/>), or
    /// <c>postgres</c> (the PostgreSQL database of <c>ConnectionStrings:History</c>, shared by a cluster's nodes).
    /// </summary>
    public string Store { get; set; } = Sqlite;

    /// <summary>e.g. <c>http://127.0.0.1:8086</c>, as printed by <c>scripts/influxdb.sh start</c>.</summary>
    public string InfluxUrl { get; set; } = "";

    /// <summary>The InfluxDB database; created on start with its retention policies.</summary>
    public string Database { get; set; } = "ioc";

    /// <summary>
    /// Ticks are merged and saved to the buffer at most this often (ms); 0 saves every tick. A crash loses no event
    /// either way (the inbox has them); a longer interval only makes the restart replay a little more of the inbox.
    /// </summary>
    public int SaveMilliseconds { get; set; } = 1000;

    /// <summary>Least time between two writes to the store while it keeps up (ms); a backlog is written without pause.</summary>
    public int FlushMilliseconds { get; set; } = 1000;

    /// <summary>Points per write request (InfluxDB's advice: about 5,000).</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>
    /// Bound of the on-disk buffer for minute points while the store is down (~1.3 days of a full outage for
    /// 131 units). Beyond it, new minute points are dropped and counted; hour and day points are always kept.
    /// </summary>
    public int MaxBufferedMinutePoints { get; set; } = 250_000;

    /// <summary>Longest wait between two retries of a failed write (s); retries start at 0.5 s and double.</summary>
    public double RetryMaxSeconds { get; set; } = 30;

    /// <summary>HTTP timeout of one request to InfluxDB (s).</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>On start, how long to try to write the buffer out before rebuilding from the whole inbox instead (s).</summary>
    public double RebuildWaitSeconds { get; set; } = 10;

    public int MinuteRetentionHours { get; set; } = 48;

    public int HourRetentionDays { get; set; } = 90;

    public TimeSpan MinuteRetention => TimeSpan.FromHours(MinuteRetentionHours);

    public TimeSpan HourRetention => TimeSpan.FromDays(HourRetentionDays);

    /// <summary>Throws with the setting and the reason when a value cannot work.</summary>
    public HistoryOptions Validate()
    {
        Store = Store.Trim().ToLowerInvariant();
        if (Store is not (Sqlite or InfluxDb or Postgres))
        {
            throw new InvalidOperationException($"History:Store '{Store}' is not one of '{Sqlite}', '{InfluxDb}', '{Postgres}'.");
        }

        if (Store == InfluxDb && !(Uri.TryCreate(InfluxUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            throw new InvalidOperationException($"History:InfluxUrl '{InfluxUrl}' must be an absolute http(s) URL when History:Store is '{InfluxDb}'.");
        }

        if (string.IsNullOrWhiteSpace(Database))
        {
            throw new InvalidOperationException("History:Database must not be empty.");
        }

        Require(BatchSize > 0, "BatchSize", "must be positive");
        Require(FlushMilliseconds >= 0, "FlushMilliseconds", "must not be negative");
        Require(SaveMilliseconds >= 0, "SaveMilliseconds", "must not be negative");
        Require(MaxBufferedMinutePoints > 0, "MaxBufferedMinutePoints", "must be positive");
        Require(RetryMaxSeconds > 0, "RetryMaxSeconds", "must be positive");
        Require(TimeoutSeconds > 0, "TimeoutSeconds", "must be positive");
        Require(MinuteRetentionHours >= 2, "MinuteRetentionHours", "must be at least 2 (the grains' rolling hour is rebuilt from minutes)");
        Require(HourRetentionDays >= 1, "HourRetentionDays", "must be at least 1");
        return this;
    }

    private static void Require(bool ok, string name, string reason)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"History:{name} {reason}.");
        }
    }
}
