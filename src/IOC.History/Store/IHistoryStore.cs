using IOC.Domain.Units;
using IOC.History.Model;

namespace IOC.History.Store;

/// <summary>
/// The history store port: points written idempotently (the same point written twice is kept once, the later
/// value winning), and sums read back per series and group. Adapters: SQLite (embedded), InfluxDB 1.x and PostgreSQL (a cluster).
/// </summary>
public interface IHistoryStore : IAsyncDisposable
{
    /// <summary><c>sqlite</c>, <c>influxdb</c> or <c>postgres</c>.</summary>
    string Kind { get; }

    /// <summary>The file or URL, for /health and logs.</summary>
    string Location { get; }

    /// <summary>Creates what is missing (tables; database and retention policies). Safe to call again.</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken);

    /// <exception cref="HistoryStoreException">The store does not answer.</exception>
    Task PingAsync(CancellationToken cancellationToken);

    /// <exception cref="HistoryStoreException">The store is down or refused the points.</exception>
    Task WriteAsync(IReadOnlyList<HistoryPoint> points, CancellationToken cancellationToken);

    /// <summary>Answers several queries at once (InfluxDB: one request); one list of rows per query, in order.</summary>
    Task<IReadOnlyList<IReadOnlyList<HistoryRow>>> QueryAsync(IReadOnlyList<HistoryQuery> queries, CancellationToken cancellationToken);
}

/// <summary>
/// Sums of the points of <paramref name="Measurement"/> at <paramref name="Resolution"/> with a bucket in
/// [<paramref name="FromMs"/>, <paramref name="ToMs"/>), per series; per group of <paramref name="Group"/> on Hanoi's
/// clock, or one total per series when null. <paramref name="Unit"/> null: every unit. <paramref name="Fields"/>: the
/// indexes of the fields to sum (null: all); the others come back as 0. A KPI needs two or three of the 35 counters.
/// </summary>
public sealed record HistoryQuery(Measurement Measurement, Resolution Resolution, long FromMs, long ToMs, UnitKey? Unit, TimeSpan? Group, IReadOnlyList<int>? Fields = null)
{
    public IEnumerable<int> FieldIndexes => Fields ?? Enumerable.Range(0, Measurement.Fields.Count);
}

/// <summary>A store failure. <see cref="Rejected"/>: the store refused the data itself (retrying the same points fails again).</summary>
public sealed class HistoryStoreException(string message, bool rejected = false, Exception? inner = null) : Exception(message, inner)
{
    public bool Rejected { get; } = rejected;
}
