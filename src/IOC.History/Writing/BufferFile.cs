using System.Globalization;
using System.Runtime.InteropServices;
using IOC.Domain.Events;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.History.Model;
using Microsoft.Data.Sqlite;

namespace IOC.History.Writing;

/// <summary>
/// The buffer's SQLite file in the data directory: rows not yet written out (or still growing), each unit's checkpoint
/// (the fold cut its rows include) and the open items, all changed in one transaction per save.
/// Not thread-safe: <see cref="HistoryBuffer"/> serializes every call.
/// </summary>
internal sealed class BufferFile : IDisposable
{
    private readonly SqliteConnection _connection;

    // What every save runs, prepared once (the ones per save, per open item and per unit).
    private readonly SqliteStatement _putRow;
    private readonly SqliteStatement _dropRow;
    private readonly SqliteStatement _putDossier;
    private readonly SqliteStatement _dropDossier;
    private readonly SqliteStatement _putTicket;
    private readonly SqliteStatement _dropTicket;
    private readonly SqliteStatement _putCheckpoint;

    static BufferFile() => SQLitePCL.Batteries_V2.Init();

    public BufferFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
        Execute("""
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS rows (
              point INTEGER PRIMARY KEY, measurement INTEGER NOT NULL, resolution INTEGER NOT NULL,
              level INTEGER NOT NULL, unit TEXT NOT NULL, procedure TEXT, channel TEXT, bucket INTEGER NOT NULL,
              vals BLOB NOT NULL, version INTEGER NOT NULL, shipped INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS rejected (
              point INTEGER PRIMARY KEY, measurement INTEGER NOT NULL, resolution INTEGER NOT NULL,
              level INTEGER NOT NULL, unit TEXT NOT NULL, procedure TEXT, channel TEXT, bucket INTEGER NOT NULL,
              vals BLOB NOT NULL, reason TEXT NOT NULL);
            -- for_city: written by versions before the Orleans grains (agencies shared their items with the city); unused now.
            CREATE TABLE IF NOT EXISTS open_dossiers (
              level INTEGER NOT NULL, unit TEXT NOT NULL, id TEXT NOT NULL, procedure TEXT NOT NULL, channel INTEGER NOT NULL,
              received INTEGER NOT NULL, received_offset INTEGER NOT NULL, due INTEGER NOT NULL, due_offset INTEGER NOT NULL,
              for_city INTEGER NOT NULL, PRIMARY KEY (level, unit, id)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS checkpoints (
              level INTEGER NOT NULL, unit TEXT NOT NULL, cut TEXT NOT NULL, PRIMARY KEY (level, unit)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS open_tickets (
              level INTEGER NOT NULL, unit TEXT NOT NULL, id TEXT NOT NULL, opened INTEGER NOT NULL, opened_offset INTEGER NOT NULL,
              due INTEGER NOT NULL, due_offset INTEGER NOT NULL, for_city INTEGER NOT NULL, PRIMARY KEY (level, unit, id)) WITHOUT ROWID;
            """);
        _putRow = new SqliteStatement(_connection, """
            INSERT OR REPLACE INTO rows (point, measurement, resolution, level, unit, procedure, channel, bucket, vals, version, shipped)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            """);
        _dropRow = new SqliteStatement(_connection, "DELETE FROM rows WHERE point = ?1");
        _putDossier = new SqliteStatement(_connection, """
            INSERT OR REPLACE INTO open_dossiers (level, unit, id, procedure, channel, received, received_offset, due, due_offset, for_city)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """);
        _dropDossier = new SqliteStatement(_connection, "DELETE FROM open_dossiers WHERE level = ?1 AND unit = ?2 AND id = ?3");
        _putTicket = new SqliteStatement(_connection, """
            INSERT OR REPLACE INTO open_tickets (level, unit, id, opened, opened_offset, due, due_offset, for_city)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """);
        _dropTicket = new SqliteStatement(_connection, "DELETE FROM open_tickets WHERE level = ?1 AND unit = ?2 AND id = ?3");
        _putCheckpoint = new SqliteStatement(_connection, "INSERT OR REPLACE INTO checkpoints (level, unit, cut) VALUES (?1, ?2, ?3)");
    }

    public string Path { get; }

    public string? Meta(string key) => Scalar("SELECT value FROM meta WHERE key = $k", ("$k", key)) as string;

    public void SetMeta(string key, string value, SqliteTransaction? transaction = null) =>
        Execute("INSERT OR REPLACE INTO meta (key, value) VALUES ($k, $v)", transaction, ("$k", key), ("$v", value));

    public List<BufferRow> LoadRows()
    {
        var rows = new List<BufferRow>();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT point, measurement, resolution, level, unit, procedure, channel, bucket, vals, version, shipped FROM rows";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var measurement = Measurement.FromId((byte)reader.GetInt64(1));
            var series = new SeriesKey(
                new UnitKey((UnitLevel)reader.GetInt64(3), reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6));
            var key = new RowKey(measurement, (Resolution)reader.GetInt64(2), series, reader.GetInt64(7));
            var values = MemoryMarshal.Cast<byte, long>((byte[])reader.GetValue(8)).ToArray();
            rows.Add(new BufferRow(key, reader.GetInt64(0), values) { Version = reader.GetInt64(9), Shipped = reader.GetInt64(10) });
        }

        return rows;
    }

    /// <summary>Everything one save changes, in one transaction: all of it is on disk, or none of it.</summary>
    public void Save(IEnumerable<BufferRow> rows, IReadOnlyList<UnitChanges> changes, long nextPoint)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var row in rows)
        {
            var k = row.Key;
            _putRow.Run(row.PointId, k.Measurement.Id, (int)k.Resolution, (int)k.Series.Unit.Level, k.Series.Unit.Code,
                k.Series.Procedure, k.Series.Channel, k.BucketMs, MemoryMarshal.AsBytes(row.Values.AsSpan()).ToArray(), row.Version, row.Shipped);
        }

        SaveOpenItems(changes);

        // The last changes of a unit carry its newest cut.
        foreach (var unit in changes.GroupBy(c => c.Key).Select(g => g.Last()))
        {
            _putCheckpoint.Run((int)unit.Key.Level, unit.Key.Code, unit.Cut.ToString());
        }

        SetMeta("next_point", nextPoint.ToString(CultureInfo.InvariantCulture), transaction);
        transaction.Commit();
    }

    public void Delete(IEnumerable<long> points)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var point in points)
        {
            _dropRow.Run(point);
        }

        transaction.Commit();
    }

    /// <summary>Moves a point the store refuses out of the way, with the reason, for an operator to look at.</summary>
    public void Reject(long point, string reason)
    {
        using var transaction = _connection.BeginTransaction();
        Execute("""
            INSERT OR REPLACE INTO rejected (point, measurement, resolution, level, unit, procedure, channel, bucket, vals, reason)
            SELECT point, measurement, resolution, level, unit, procedure, channel, bucket, vals, $reason FROM rows WHERE point = $p;
            DELETE FROM rows WHERE point = $p;
            """, transaction, ("$p", point), ("$reason", reason));
        transaction.Commit();
    }

    public long RejectedCount() => (long)Scalar("SELECT count(*) FROM rejected")!;

    /// <summary>Every unit's saved cut.</summary>
    public Dictionary<UnitKey, FoldCut> LoadCheckpoints()
    {
        var cuts = new Dictionary<UnitKey, FoldCut>();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT level, unit, cut FROM checkpoints";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cuts[new UnitKey((UnitLevel)reader.GetInt64(0), reader.GetString(1))] = FoldCut.Parse(reader.GetString(2));
        }

        return cuts;
    }

    /// <summary>The open dossiers and tickets saved for one unit.</summary>
    public (List<OpenDossier> Dossiers, List<OpenTicket> Tickets) LoadOpenItems(UnitKey key)
    {
        var dossiers = new List<OpenDossier>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT id, procedure, channel, received, received_offset, due, due_offset FROM open_dossiers WHERE level = $l AND unit = $u";
            command.Parameters.AddWithValue("$l", (int)key.Level);
            command.Parameters.AddWithValue("$u", key.Code);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                dossiers.Add(new OpenDossier(
                    reader.GetString(0), reader.GetString(1), (DossierChannel)reader.GetInt64(2),
                    Time(reader.GetInt64(3), reader.GetInt64(4)), Time(reader.GetInt64(5), reader.GetInt64(6))));
            }
        }

        var tickets = new List<OpenTicket>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT id, opened, opened_offset, due, due_offset FROM open_tickets WHERE level = $l AND unit = $u";
            command.Parameters.AddWithValue("$l", (int)key.Level);
            command.Parameters.AddWithValue("$u", key.Code);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tickets.Add(new OpenTicket(reader.GetString(0), Time(reader.GetInt64(1), reader.GetInt64(2)), Time(reader.GetInt64(3), reader.GetInt64(4))));
            }
        }

        return (dossiers, tickets);
    }

    public void Dispose()
    {
        foreach (var statement in new[] { _putRow, _dropRow, _putDossier, _dropDossier, _putTicket, _dropTicket, _putCheckpoint })
        {
            statement.Dispose();
        }

        _connection.Dispose();
    }

    private void SaveOpenItems(IEnumerable<UnitChanges> changes)
    {
        foreach (var change in changes)
        {
            if (change.Open is not { } open)
            {
                continue;
            }

            var (level, unit) = ((int)change.Key.Level, change.Key.Code);
            foreach (var (id, dossier) in open.Dossiers)
            {
                if (dossier is null)
                {
                    _dropDossier.Run(level, unit, id);
                }
                else
                {
                    _putDossier.Run(level, unit, id, dossier.Procedure, (int)dossier.Channel,
                        dossier.ReceivedAt.UtcTicks, (long)dossier.ReceivedAt.Offset.TotalMinutes, dossier.DueAt.UtcTicks, (long)dossier.DueAt.Offset.TotalMinutes, 1);
                }
            }

            foreach (var (id, ticket) in open.Tickets)
            {
                if (ticket is null)
                {
                    _dropTicket.Run(level, unit, id);
                }
                else
                {
                    _putTicket.Run(level, unit, id, ticket.OpenedAt.UtcTicks, (long)ticket.OpenedAt.Offset.TotalMinutes,
                        ticket.DueAt.UtcTicks, (long)ticket.DueAt.Offset.TotalMinutes, 1);
                }
            }
        }
    }

    /// <summary>An instant stored exactly as UTC ticks and its offset in minutes (as the producer wrote it).</summary>
    private static DateTimeOffset Time(long utcTicks, long offsetMinutes) =>
        new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));

    private void Execute(string sql, SqliteTransaction? transaction = null, params (string Name, object Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteScalar();
    }
}
