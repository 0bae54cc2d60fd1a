using System.Text;
using IOC.Domain.Units;
using IOC.History.Model;
using IOC.History.Store;
using Microsoft.Data.Sqlite;

namespace IOC.History.Sqlite;

/// <summary>
/// The embedded history store: one SQLite table per measurement and resolution in the data directory
/// (<c>counters_minute</c>, <c>counters_hour</c>, ...), keyed by unit, bucket and point id, clustered by unit so a
/// unit's range is one index scan. Writes replace a point with the same key (idempotent, like InfluxDB).
/// Minutes and hours older than their retention are deleted now and then.
/// </summary>
public sealed class SqliteHistoryStore : IHistoryStore
{
    private readonly PruneSchedule _pruning;
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Lock _writeLock = new();
    private readonly Dictionary<(Measurement, Resolution), SqliteCommand> _inserts = new();

    static SqliteHistoryStore() => SQLitePCL.Batteries_V2.Init();

    public SqliteHistoryStore(string path, Retention retention, TimeProvider time)
    {
        Location = Path.GetFullPath(path);
        _pruning = new PruneSchedule(retention, time);
        Directory.CreateDirectory(Path.GetDirectoryName(Location)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Location, Pooling = true }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Execute(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
    }

    public string Kind => HistoryOptions.Sqlite;

    public string Location { get; }

    public static string Table(Measurement measurement, Resolution resolution) => $"{measurement.Name}_{resolution.Name()}";

    public Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            foreach (var measurement in Measurement.All)
            {
                foreach (var resolution in measurement.Resolutions)
                {
                    var tags = TagColumns(measurement);
                    var fields = string.Join(", ", measurement.Fields.Select(f => $"\"{f}\" INTEGER NOT NULL DEFAULT 0"));
                    Execute(_writer, $"""
                        CREATE TABLE IF NOT EXISTS {Table(measurement, resolution)} (
                          {string.Join(", ", tags.Split(", ").Select(t => $"{t} TEXT NOT NULL"))},
                          bucket INTEGER NOT NULL, point INTEGER NOT NULL, {fields},
                          PRIMARY KEY ({tags}, bucket, point)) WITHOUT ROWID;
                        """);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task PingAsync(CancellationToken cancellationToken) =>
        File.Exists(Location) ? Task.CompletedTask : throw new HistoryStoreException($"SQLite history file {Location} is missing.");

    public Task WriteAsync(IReadOnlyList<HistoryPoint> points, CancellationToken cancellationToken)
    {
        try
        {
            lock (_writeLock)
            {
                using var transaction = _writer.BeginTransaction();
                foreach (var point in points)
                {
                    var insert = Insert(point.Measurement, point.Resolution);
                    insert.Transaction = transaction;
                    var p = 0;
                    insert.Parameters[p++].Value = point.Series.Unit.Level.ToWire();
                    insert.Parameters[p++].Value = point.Series.Unit.Code;
                    if (point.Measurement.ByProcedure)
                    {
                        insert.Parameters[p++].Value = point.Series.Procedure ?? "";
                        insert.Parameters[p++].Value = point.Series.Channel ?? "";
                    }

                    insert.Parameters[p++].Value = point.BucketMs;
                    insert.Parameters[p++].Value = point.PointId;
                    foreach (var value in point.Values)
                    {
                        insert.Parameters[p++].Value = value;
                    }

                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
                PruneNowAndThen();
            }
        }
        catch (SqliteException ex)
        {
            throw new HistoryStoreException($"SQLite history store {Location}: {ex.Message}", inner: ex);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IReadOnlyList<HistoryRow>>> QueryAsync(IReadOnlyList<HistoryQuery> queries, CancellationToken cancellationToken)
    {
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            var answers = new List<IReadOnlyList<HistoryRow>>(queries.Count);
            foreach (var query in queries)
            {
                answers.Add(Query(connection, query));
            }

            return Task.FromResult<IReadOnlyList<IReadOnlyList<HistoryRow>>>(answers);
        }
        catch (SqliteException ex)
        {
            throw new HistoryStoreException($"SQLite history store {Location}: {ex.Message}", inner: ex);
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_writeLock)
        {
            foreach (var insert in _inserts.Values)
            {
                insert.Dispose();
            }

            _writer.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static List<HistoryRow> Query(SqliteConnection connection, HistoryQuery query)
    {
        var measurement = query.Measurement;
        var tags = TagColumns(measurement);
        var group = query.Group is { } size
            ? $"((bucket - {Resolutions.LocalOffsetMs(size)}) / {(long)size.TotalMilliseconds}) * {(long)size.TotalMilliseconds} + {Resolutions.LocalOffsetMs(size)}"
            : "$from";
        var sql = new StringBuilder($"SELECT {tags}, {group} AS g");
        var fields = query.FieldIndexes.ToArray();
        foreach (var field in fields)
        {
            sql.Append($", SUM(\"{measurement.Fields[field]}\")");
        }

        sql.Append($" FROM {Table(measurement, query.Resolution)} WHERE ");
        sql.Append(query.Unit is null ? "bucket >= $from AND bucket < $to" : "level = $level AND unit = $unit AND bucket >= $from AND bucket < $to");
        sql.Append($" GROUP BY {tags}{(query.Group is null ? "" : ", g")} ORDER BY g");
        using var command = connection.CreateCommand();
        command.CommandText = sql.ToString();
        command.Parameters.AddWithValue("$from", query.FromMs);
        command.Parameters.AddWithValue("$to", query.ToMs);
        if (query.Unit is { } unit)
        {
            command.Parameters.AddWithValue("$level", unit.Level.ToWire());
            command.Parameters.AddWithValue("$unit", unit.Code);
        }

        var rows = new List<HistoryRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(HistoryRowReader.Read(reader, measurement, fields));
        }

        return rows;
    }

    private static string TagColumns(Measurement measurement) => measurement.ByProcedure ? "level, unit, procedure, channel" : "level, unit";

    private SqliteCommand Insert(Measurement measurement, Resolution resolution)
    {
        if (_inserts.TryGetValue((measurement, resolution), out var insert))
        {
            return insert;
        }

        var columns = TagColumns(measurement).Split(", ").Concat(["bucket", "point"]).Concat(measurement.Fields.Select(f => $"\"{f}\"")).ToList();
        insert = _writer.CreateCommand();
        insert.CommandText = $"INSERT OR REPLACE INTO {Table(measurement, resolution)} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < columns.Count; i++)
        {
            insert.Parameters.Add($"$p{i}", i < columns.Count - measurement.Fields.Count - 2 ? SqliteType.Text : SqliteType.Integer);
        }

        _inserts[(measurement, resolution)] = insert;
        return insert;
    }

    private void PruneNowAndThen()
    {
        foreach (var (measurement, resolution, before) in _pruning.Due())
        {
            Execute(_writer, $"DELETE FROM {Table(measurement, resolution)} WHERE bucket < {before}");
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
