using System.Text;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.History.Model;
using IOC.History.Store;
using IOC.History.Writing;
using IOC.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace IOC.History.Postgres;

/// <summary>
/// The history of a cluster in the PostgreSQL database every node shares (<c>History:Store=postgres</c>): the same
/// tables as <see cref="Sqlite.SqliteHistoryStore"/> (<c>counters_minute</c>, ..., keyed by unit, bucket and point), plus
/// each unit's checkpoint and open items. It is both the store the readers read and the ledger the writer saves to:
/// a save is one transaction that <b>adds</b> the units' deltas to their rows (and their roll-ups'), upserts the open
/// items and moves the units' checkpoints. A delta is therefore in together with the checkpoint that includes its events,
/// or not at all, so a unit that activates on any node (its own died) restores rows and checkpoint that agree, replays
/// only its inbox events after the checkpoint, and nothing is counted twice or lost (docs/history.md, "PostgreSQL").
/// </summary>
public sealed partial class PostgresHistoryStore : IHistoryStore, IHistoryLedger
{
    /// <summary>The advisory lock that makes creating the tables safe when several nodes start at once.</summary>
    internal const long SchemaLock = 0x494F_4310;

    /// <summary>The point id of the rows a save adds to: one row per series and bucket (writes of whole points keep theirs).</summary>
    public const long AddedPoint = 0;

    private readonly NpgsqlDataSource _source;
    private readonly Retention _retention;
    private readonly PruneSchedule _pruning;
    private readonly Func<UnitKey, IReadOnlyList<UnitKey>> _rollsUpTo;
    private readonly HashSet<UnitKey> _checkpointed = [];

    // Connections in use at once. Every unit of a node activates together (at start, or a dead node's units on the
    // survivors), each reading its checkpoint and rows: unbounded, three nodes exhaust the server's connections.
    private readonly SemaphoreSlim _gate = new(Math.Max(2, Environment.ProcessorCount * 2));
    private volatile bool _schemaReady;
    private int _disposed;
    private long _expired;

    /// <param name="rollsUpTo">The roll-ups whose rows add a unit's deltas (<see cref="UnitCatalog.RollsUpTo"/>); by default wards' and direct work's go to the city.</param>
    public PostgresHistoryStore(string connectionString, Retention retention, TimeProvider time, Func<UnitKey, IReadOnlyList<UnitKey>>? rollsUpTo = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
        _source = NpgsqlDataSource.Create(connectionString);
        _retention = retention;
        _pruning = new PruneSchedule(retention, time);
        _rollsUpTo = rollsUpTo ?? (key => key.Level is UnitLevel.Ward or UnitLevel.Direct ? [UnitKey.City] : []);
    }

    public string Kind => HistoryOptions.Postgres;

    public string Location { get; }

    public bool Shared => true;

    public long ExpiredPoints => Interlocked.Read(ref _expired);

    public int CheckpointedUnits
    {
        get
        {
            lock (_checkpointed)
            {
                return _checkpointed.Count;
            }
        }
    }

    public bool HasCheckpoints => Run(connection =>
    {
        using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM history_checkpoints)", connection);
        return (bool)command.ExecuteScalar()!;
    });

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken);
            CreateSchema(connection);
        }
        catch (Exception ex) when (IsStoreError(ex))
        {
            throw Wrap(ex);
        }
    }

    public Task PingAsync(CancellationToken cancellationToken) => _source.PingAsync(Wrap, cancellationToken);

    /// <summary>Whole points under their ids, replacing a point written before (the port's idempotent write).</summary>
    public Task WriteAsync(IReadOnlyList<HistoryPoint> points, CancellationToken cancellationToken)
    {
        Run(connection =>
        {
            using var transaction = connection.BeginTransaction();
            foreach (var group in points.GroupBy(p => (p.Measurement, p.Resolution)))
            {
                // The same point twice in one write: the later one wins (one statement cannot update a row twice).
                var latest = group.GroupBy(p => (p.Series, p.BucketMs, p.PointId)).Select(g => g.Last());
                Upsert(connection, transaction, group.Key.Measurement, group.Key.Resolution, [.. latest.Select(p => (p.Series, p.BucketMs, p.PointId, p.Values))], add: false);
            }

            transaction.Commit();
            PruneNowAndThen(connection);
            return 0;
        });
        return Task.CompletedTask;
    }

    /// <summary>
    /// One transaction: every unit's deltas (and its roll-ups') added to their rows, open items, each unit's newest cut.
    /// Rows are added in one order on every node (by table, then series and bucket), so two nodes adding to the city's
    /// rows at once wait for each other rather than deadlock.
    /// </summary>
    public int Save(IReadOnlyList<UnitChanges> changes, DateTimeOffset now)
    {
        if (changes.Count == 0)
        {
            return 0;
        }

        var nowMs = now.ToUnixTimeMilliseconds();
        var rows = new Dictionary<RowKey, long[]>();
        long expired = 0;
        void AddTo(RowKey key, ReadOnlySpan<long> values)
        {
            if (!_retention.Keeps(key.Resolution, key.BucketMs, nowMs))
            {
                expired++;
                return;
            }

            if (!rows.TryGetValue(key, out var sum))
            {
                rows[key] = sum = new long[key.Measurement.Fields.Count];
            }

            for (var i = 0; i < values.Length; i++)
            {
                sum[i] += values[i];
            }
        }

        foreach (var unit in changes)
        {
            if (unit.Delta is { } delta)
            {
                DeltaRollup.Accumulate(unit.Key, delta, AddTo);
                foreach (var rollup in _rollsUpTo(unit.Key))
                {
                    DeltaRollup.Accumulate(rollup, delta, AddTo);
                }
            }
        }

        // The last changes of a unit carry its newest cut.
        var cuts = changes.GroupBy(c => c.Key).Select(g => (g.Key, g.Last().Cut)).OrderBy(c => c.Key.Level).ThenBy(c => c.Key.Code, StringComparer.Ordinal).ToList();
        Run(connection =>
        {
            using var transaction = connection.BeginTransaction();
            foreach (var group in rows.GroupBy(r => (r.Key.Measurement.Id, r.Key.Resolution)).OrderBy(g => g.Key))
            {
                var ordered = group
                    .OrderBy(r => r.Key.Series.Unit.Level).ThenBy(r => r.Key.Series.Unit.Code, StringComparer.Ordinal)
                    .ThenBy(r => r.Key.Series.Procedure, StringComparer.Ordinal).ThenBy(r => r.Key.Series.Channel, StringComparer.Ordinal)
                    .ThenBy(r => r.Key.BucketMs)
                    .Select(r => (r.Key.Series, r.Key.BucketMs, AddedPoint, r.Value)).ToList();
                Upsert(connection, transaction, Measurement.FromId(group.Key.Id), group.Key.Resolution, ordered, add: true);
            }

            SaveOpenItems(connection, transaction, changes);
            SaveCheckpoints(connection, transaction, cuts);
            transaction.Commit();
            return 0;
        });

        Interlocked.Add(ref _expired, expired);
        lock (_checkpointed)
        {
            _checkpointed.UnionWith(cuts.Select(c => c.Key));
        }

        TryPrune();
        return rows.Count;
    }

    public async Task<SavedUnit> LoadAsync(UnitKey key, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken);
            Ready(connection);

            // One snapshot: the checkpoint and the open items it goes with.
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            var checkpoint = FoldCut.None;
            await using (var command = new NpgsqlCommand("SELECT cut FROM history_checkpoints WHERE level = $1 AND unit = $2", connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = (int)key.Level });
                command.Parameters.Add(new NpgsqlParameter { Value = key.Code });
                if (await command.ExecuteScalarAsync(cancellationToken) is string cut)
                {
                    checkpoint = FoldCut.Parse(cut);
                }
            }

            var (dossiers, tickets) = await LoadOpenItemsAsync(connection, transaction, key, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new SavedUnit(checkpoint, dossiers, tickets);
        }
        catch (Exception ex) when (IsStoreError(ex))
        {
            throw Wrap(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<IReadOnlyList<HistoryRow>>> QueryAsync(IReadOnlyList<HistoryQuery> queries, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken);
            Ready(connection);
            var answers = new List<IReadOnlyList<HistoryRow>>(queries.Count);
            foreach (var query in queries)
            {
                answers.Add(await QueryAsync(connection, query, cancellationToken));
            }

            return answers;
        }
        catch (Exception ex) when (IsStoreError(ex))
        {
            throw Wrap(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask DisposeAsync() =>
        // Registered as itself and behind the instrumented IHistoryStore: the container disposes it twice.
        Interlocked.Exchange(ref _disposed, 1) == 0 ? _source.DisposeAsync() : ValueTask.CompletedTask;

    internal static string Table(Measurement measurement, Resolution resolution) => Sqlite.SqliteHistoryStore.Table(measurement, resolution);

    private static string[] TagColumns(Measurement measurement) => measurement.ByProcedure ? ["level", "unit", "procedure", "channel"] : ["level", "unit"];

    private static async Task<List<HistoryRow>> QueryAsync(NpgsqlConnection connection, HistoryQuery query, CancellationToken cancellationToken)
    {
        var measurement = query.Measurement;
        var tags = string.Join(", ", TagColumns(measurement));
        var group = query.Group is { } size
            ? $"((bucket - {Resolutions.LocalOffsetMs(size)}) / {(long)size.TotalMilliseconds}) * {(long)size.TotalMilliseconds} + {Resolutions.LocalOffsetMs(size)}"
            : "@from";
        var fields = query.FieldIndexes.ToArray();
        var sql = new StringBuilder($"SELECT {tags}, {group} AS g");
        foreach (var field in fields)
        {
            sql.Append($", SUM(\"{measurement.Fields[field]}\")::bigint");
        }

        sql.Append($" FROM {Table(measurement, query.Resolution)} WHERE ");
        sql.Append(query.Unit is null ? "bucket >= @from AND bucket < @to" : "level = @level AND unit = @unit AND bucket >= @from AND bucket < @to");
        sql.Append($" GROUP BY {tags}{(query.Group is null ? "" : ", g")} ORDER BY g");
        await using var command = new NpgsqlCommand(sql.ToString(), connection);
        command.Parameters.AddWithValue("from", NpgsqlDbType.Bigint, query.FromMs);
        command.Parameters.AddWithValue("to", NpgsqlDbType.Bigint, query.ToMs);
        if (query.Unit is { } unit)
        {
            command.Parameters.AddWithValue("level", unit.Level.ToWire());
            command.Parameters.AddWithValue("unit", unit.Code);
        }

        var rows = new List<HistoryRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(HistoryRowReader.Read(reader, measurement, fields));
        }

        return rows;
    }

    /// <summary>
    /// One statement per table: the rows as arrays, unnested in the order given (which is the order their rows are
    /// locked in). <paramref name="add"/>: a row that exists gets the values added (a save's deltas); otherwise replaced
    /// (a whole point written again).
    /// </summary>
    private static void Upsert(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Measurement measurement, Resolution resolution,
        List<(SeriesKey Series, long BucketMs, long Point, long[] Values)> rows, bool add)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var tags = TagColumns(measurement);
        var fields = measurement.Fields.Select(f => $"\"{f}\"").ToArray();
        var columns = tags.Concat(["bucket", "point"]).Concat(fields).ToArray();
        var types = tags.Select(_ => "text[]").Concat(["bigint[]", "bigint[]"]).Concat(fields.Select(_ => "bigint[]")).ToArray();
        var table = Table(measurement, resolution);
        var sql = $"""
            INSERT INTO {table} ({string.Join(", ", columns)})
            SELECT {string.Join(", ", columns)} FROM unnest({string.Join(", ", types.Select((t, i) => $"${i + 1}::{t}"))}) WITH ORDINALITY AS t({string.Join(", ", columns)}, n)
            ORDER BY n
            ON CONFLICT ({string.Join(", ", tags)}, bucket, point) DO UPDATE SET
            {string.Join(", ", fields.Select(f => add ? $"{f} = {table}.{f} + excluded.{f}" : $"{f} = excluded.{f}"))}
            """;
        using var command = new NpgsqlCommand(sql, connection, transaction);
        Array(command, rows.Select(r => r.Series.Unit.Level.ToWire()));
        Array(command, rows.Select(r => r.Series.Unit.Code));
        if (measurement.ByProcedure)
        {
            Array(command, rows.Select(r => r.Series.Procedure ?? ""));
            Array(command, rows.Select(r => r.Series.Channel ?? ""));
        }

        Array(command, rows.Select(r => r.BucketMs));
        Array(command, rows.Select(r => r.Point));
        for (var f = 0; f < fields.Length; f++)
        {
            Array(command, rows.Select(r => r.Values[f]));
        }

        command.ExecuteNonQuery();
    }

    private static void Array<T>(NpgsqlCommand command, IEnumerable<T> values) =>
        command.Parameters.Add(new NpgsqlParameter<T[]> { TypedValue = [.. values] });

    private void TryPrune()
    {
        try
        {
            Run(connection =>
            {
                PruneNowAndThen(connection);
                return 0;
            });
        }
        catch (HistoryStoreException)
        {
            // The save is committed; pruning waits for the next one.
        }
    }

    /// <summary>Deletes minutes and hours past their retention, every 10 minutes (each node does; a second delete finds nothing).</summary>
    private void PruneNowAndThen(NpgsqlConnection connection)
    {
        foreach (var (measurement, resolution, before) in _pruning.Due())
        {
            using var command = new NpgsqlCommand($"DELETE FROM {Table(measurement, resolution)} WHERE bucket < $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = before });
            command.ExecuteNonQuery();
        }
    }

    private T Run<T>(Func<NpgsqlConnection, T> action)
    {
        _gate.Wait();
        try
        {
            using var connection = _source.OpenConnection();
            Ready(connection);
            return action(connection);
        }
        catch (Exception ex) when (IsStoreError(ex))
        {
            throw Wrap(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Ready(NpgsqlConnection connection)
    {
        if (!_schemaReady)
        {
            CreateSchema(connection);
        }
    }

    private void CreateSchema(NpgsqlConnection connection)
    {
        var sql = new StringBuilder($"SELECT pg_advisory_xact_lock({SchemaLock});\n");
        foreach (var measurement in Measurement.All)
        {
            var tags = TagColumns(measurement);
            var fields = string.Join(", ", measurement.Fields.Select(f => $"\"{f}\" bigint NOT NULL DEFAULT 0"));
            foreach (var resolution in measurement.Resolutions)
            {
                sql.AppendLine($"""
                    CREATE TABLE IF NOT EXISTS {Table(measurement, resolution)} (
                      {string.Join(", ", tags.Select(t => $"{t} text NOT NULL"))},
                      bucket bigint NOT NULL, point bigint NOT NULL, {fields},
                      PRIMARY KEY ({string.Join(", ", tags)}, bucket, point));
                    """);
            }
        }

        sql.AppendLine("""
            CREATE TABLE IF NOT EXISTS history_checkpoints (
              level integer NOT NULL, unit text NOT NULL, cut text NOT NULL, PRIMARY KEY (level, unit));
            CREATE TABLE IF NOT EXISTS history_open_dossiers (
              level integer NOT NULL, unit text NOT NULL, id text NOT NULL, procedure text NOT NULL, channel integer NOT NULL,
              received bigint NOT NULL, received_offset integer NOT NULL, due bigint NOT NULL, due_offset integer NOT NULL,
              PRIMARY KEY (level, unit, id));
            CREATE TABLE IF NOT EXISTS history_open_tickets (
              level integer NOT NULL, unit text NOT NULL, id text NOT NULL, opened bigint NOT NULL, opened_offset integer NOT NULL,
              due bigint NOT NULL, due_offset integer NOT NULL, PRIMARY KEY (level, unit, id));
            """);

        // Nodes starting together would race on CREATE ... IF NOT EXISTS (not atomic in PostgreSQL): one at a time.
        using var transaction = connection.BeginTransaction();
        using var command = new NpgsqlCommand(sql.ToString(), connection, transaction);
        command.ExecuteNonQuery();
        transaction.Commit();
        _schemaReady = true;
    }

    /// <summary>
    /// The failures the port reports as <see cref="HistoryStoreException"/>: the store is down
    /// (<see cref="PostgresFailure.IsUnavailable"/>), or it refused the data. Any other server error (a syntax error,
    /// a missing table) is no outage and goes through as it is.
    /// </summary>
    private static bool IsStoreError(Exception ex) => PostgresFailure.IsUnavailable(ex) || IsRefusedData(ex);

    /// <summary>Data the server refuses (class 22 data exception, 23 integrity): retrying the same changes fails again.</summary>
    private static bool IsRefusedData(Exception ex) =>
        ex is PostgresException pg && (pg.SqlState.StartsWith("22", StringComparison.Ordinal) || pg.SqlState.StartsWith("23", StringComparison.Ordinal));

    /// <summary>Refused data is "rejected"; anything else wrapped here (a refused connection, a timeout, a server shutting down) means the store is down.</summary>
    private HistoryStoreException Wrap(Exception ex)
    {
        var rejected = IsRefusedData(ex);
        if (!rejected)
        {
            // Idle pooled connections to a server that went away are dead: the next try opens new ones.
            _source.Clear();
        }

        return new HistoryStoreException($"PostgreSQL history store {Location} {(rejected ? "refused the data" : "unavailable")}: {ex.Message}", rejected, ex);
    }
}
