using IOC.Domain.Units;
using IOC.Grains.Ports;
using Microsoft.Data.Sqlite;

namespace IOC.Ingestion.Inbox;

/// <summary>
/// Quarantined events in the inbox database (table <c>quarantine</c>, one row per unit and inbox sequence number), beside
/// the events themselves: they outlive a restart and can be replayed from there. Its own connection; rare writes, so
/// the inbox's writer and this one share the file through SQLite's busy wait. Thread-safe.
/// </summary>
public sealed class SqliteQuarantineStore : IQuarantineStore, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _sync = new();

    public SqliteQuarantineStore(SqliteInbox inbox)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = inbox.Path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA busy_timeout=5000;
            CREATE TABLE IF NOT EXISTS quarantine (
              level INTEGER NOT NULL, unit TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, reason TEXT NOT NULL,
              at INTEGER NOT NULL, PRIMARY KEY (level, unit, seq)) WITHOUT ROWID;
            """);
    }

    public void Add(IReadOnlyList<QuarantinedEvent> events)
    {
        lock (_sync)
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR IGNORE INTO quarantine (level, unit, seq, id, reason, at) VALUES ($l, $u, $s, $i, $r, $a)";
            var parameters = new[] { "$l", "$u", "$s", "$i", "$r", "$a" }.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
            foreach (var e in events)
            {
                object[] values = [(int)e.Unit.Level, e.Unit.Code, e.Seq, e.EventId, e.Reason, e.At.ToUnixTimeMilliseconds()];
                for (var i = 0; i < values.Length; i++)
                {
                    parameters[i].Value = values[i];
                }

                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public void Remove(UnitKey unit, long seq)
    {
        lock (_sync)
        {
            Execute("DELETE FROM quarantine WHERE level = $l AND unit = $u AND seq = $s", ("$l", (int)unit.Level), ("$u", unit.Code), ("$s", seq));
        }
    }

    public long Count()
    {
        lock (_sync)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM quarantine";
            return (long)command.ExecuteScalar()!;
        }
    }

    public IReadOnlySet<long> SeqsOf(UnitKey unit)
    {
        lock (_sync)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT seq FROM quarantine WHERE level = $l AND unit = $u";
            command.Parameters.AddWithValue("$l", (int)unit.Level);
            command.Parameters.AddWithValue("$u", unit.Code);
            using var reader = command.ExecuteReader();
            var seqs = new HashSet<long>();
            while (reader.Read())
            {
                seqs.Add(reader.GetInt64(0));
            }

            return seqs;
        }
    }

    public IReadOnlyList<QuarantinedEvent> List(int limit)
    {
        lock (_sync)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT level, unit, seq, id, reason, at FROM quarantine ORDER BY at DESC, seq DESC LIMIT $n";
            command.Parameters.AddWithValue("$n", limit);
            using var reader = command.ExecuteReader();
            var events = new List<QuarantinedEvent>();
            while (reader.Read())
            {
                events.Add(new QuarantinedEvent(
                    new UnitKey((UnitLevel)reader.GetInt64(0), reader.GetString(1)), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
            }

            return events;
        }
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
