using IOC.Domain.Units;
using IOC.Grains.Ports;
using Npgsql;

namespace IOC.Ingestion.Inbox.Postgres;

/// <summary>
/// Quarantined events of a cluster, beside the shared inbox (table <c>inbox_quarantine</c>, one row per unit and inbox
/// sequence number): any node lists and replays them, and a unit reactivated on another node skips them as well.
/// Thread-safe (pooled connections).
/// </summary>
public sealed class PostgresQuarantineStore : IQuarantineStore
{
    private readonly NpgsqlDataSource _source;

    /// <remarks>Its table is created with the inbox's (<see cref="PostgresInbox"/>): building the store does no I/O.</remarks>
    public PostgresQuarantineStore(PostgresInbox inbox) => _source = inbox.Source;

    public void Add(IReadOnlyList<QuarantinedEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        using var connection = _source.OpenConnection();
        using var insert = new NpgsqlCommand(
            """
            INSERT INTO inbox_quarantine (level, unit, seq, id, reason, at)
            SELECT * FROM unnest($1::integer[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::bigint[])
            ON CONFLICT DO NOTHING
            """,
            connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => (int)e.Unit.Level).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Unit.Code).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Seq).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.EventId).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Reason).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.At.ToUnixTimeMilliseconds()).ToArray() });
        insert.ExecuteNonQuery();
    }

    public void Remove(UnitKey unit, long seq)
    {
        using var connection = _source.OpenConnection();
        using var delete = new NpgsqlCommand("DELETE FROM inbox_quarantine WHERE level = $1 AND unit = $2 AND seq = $3", connection);
        delete.Parameters.Add(new NpgsqlParameter { Value = (int)unit.Level });
        delete.Parameters.Add(new NpgsqlParameter { Value = unit.Code });
        delete.Parameters.Add(new NpgsqlParameter { Value = seq });
        delete.ExecuteNonQuery();
    }

    public long Count()
    {
        using var connection = _source.OpenConnection();
        using var command = new NpgsqlCommand("SELECT count(*) FROM inbox_quarantine", connection);
        return (long)command.ExecuteScalar()!;
    }

    public IReadOnlySet<long> SeqsOf(UnitKey unit)
    {
        using var connection = _source.OpenConnection();
        using var command = new NpgsqlCommand("SELECT seq FROM inbox_quarantine WHERE level = $1 AND unit = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (int)unit.Level });
        command.Parameters.Add(new NpgsqlParameter { Value = unit.Code });
        using var reader = command.ExecuteReader();
        var seqs = new HashSet<long>();
        while (reader.Read())
        {
            seqs.Add(reader.GetInt64(0));
        }

        return seqs;
    }

    public IReadOnlyList<QuarantinedEvent> List(int limit)
    {
        using var connection = _source.OpenConnection();
        using var command = new NpgsqlCommand("SELECT level, unit, seq, id, reason, at FROM inbox_quarantine ORDER BY at DESC, seq DESC LIMIT $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        using var reader = command.ExecuteReader();
        var events = new List<QuarantinedEvent>();
        while (reader.Read())
        {
            events.Add(new QuarantinedEvent(
                new UnitKey((UnitLevel)reader.GetInt32(0), reader.GetString(1)), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }

        return events;
    }
}
