using IOC.Domain.Units;
using IOC.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace IOC.Ingestion.Inbox.Postgres;

/// <summary>
/// The inbox of a cluster: one PostgreSQL table every node writes to and every grain reads its tail from, so an
/// acknowledged event never depends on one node's disk. A batch is one transaction; the unique constraint on the event
/// id dedupes across every node; partial indexes on (unit, seq) and (agency, seq) make a grain's tail one index range.
/// </summary>
/// <remarks>
/// <para>
/// Commit order is number order. An identity column alone hands out numbers when rows are inserted, not when they are
/// committed: node A could take 100–110, node B 111–120 and commit first, and a reader that saw 120 would later meet
/// 105. Grain checkpoints are sequence numbers ("every event of my key up to N is in"), so each append first takes one
/// transaction-scoped advisory lock: appends from every node are serialised from their first number to their commit,
/// and a reader that sees number N sees every committed number below it (docs/cluster.md, "Checkpoints"). The lock is
/// held for one multi-row insert and its commit (a few milliseconds); each node already appends one batch at a time.
/// </para>
/// <para>Numbers can have gaps (a duplicate or a rolled-back batch uses some up); nothing reads them as a count.</para>
/// </remarks>
public sealed class PostgresInbox : IInbox, IDisposable
{
    /// <summary>The advisory lock that orders appends (any constant that no other application on the database uses).</summary>
    internal const long AppendLock = 0x494F_4301;

    /// <summary>The advisory lock that makes creating the tables safe when several nodes start at once.</summary>
    internal const long SchemaLock = 0x494F_4300;

    private readonly NpgsqlDataSource _source;

    public PostgresInbox(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Path = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
        _source = NpgsqlDataSource.Create(connectionString);
        CreateSchema();
    }

    public string Path { get; }

    public bool Shared => true;

    internal NpgsqlDataSource Source => _source;

    /// <exception cref="InboxUnavailableException">The server cannot be reached; nothing is acknowledged.</exception>
    public long[] AppendReturningSeqs(IReadOnlyList<InboxItem> items)
    {
        if (items.Count == 0)
        {
            return [];
        }

        try
        {
            return Append(items);
        }
        catch (Exception ex) when (PostgresFailure.IsUnavailable(ex))
        {
            throw new InboxUnavailableException($"PostgreSQL {Path}", ex);
        }
    }

    private long[] Append(IReadOnlyList<InboxItem> items)
    {
        var seqs = new long[items.Count];
        using var connection = _source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AppendLock})", connection, transaction))
        {
            lockCommand.ExecuteNonQuery();
        }

        // One statement for the batch, numbered in the batch's order (ORDER BY n feeds the identity in that order).
        // ON CONFLICT skips ids stored before and the second of two equal ids in this batch; RETURNING names the rows
        // actually inserted.
        using var insert = new NpgsqlCommand(
            """
            INSERT INTO inbox_events (id, body, unit, agency)
            SELECT id, body, unit, agency FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(id, body, unit, agency, n)
            ORDER BY n
            ON CONFLICT (id) DO NOTHING
            RETURNING seq, id
            """,
            connection,
            transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = items.Select(i => i.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = items.Select(i => System.Text.Encoding.UTF8.GetString(i.Body.Span)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = items.Select(i => i.Unit).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = items.Select(i => i.Agency).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var inserted = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var reader = insert.ExecuteReader())
        {
            while (reader.Read())
            {
                inserted[reader.GetString(1)] = reader.GetInt64(0);
            }
        }

        transaction.Commit();
        for (var i = 0; i < items.Count; i++)
        {
            // Remove, not a lookup: of two items with one id in a batch, only the first was inserted.
            seqs[i] = inserted.Remove(items[i].Id, out var seq) ? seq : 0;
        }

        return seqs;
    }

    public long Count() => Scalar("SELECT count(*) FROM inbox_events");

    public long LastSeq() => Scalar("SELECT coalesce(max(seq), 0) FROM inbox_events");

    public IEnumerable<IReadOnlyList<InboxRecord>> ReadKeyAfter(
        UnitKey key, long afterSeq, long throughSeq = long.MaxValue, int pageSize = 5000, IReadOnlyCollection<string>? directAgencies = null)
    {
        if (key.Level == UnitLevel.Direct && directAgencies is { Count: 0 })
        {
            yield break;
        }

        // The same filters as the partial indexes, so each page is one index range scan.
        var filter = key.Level switch
        {
            UnitLevel.Ward => "unit = $1",
            UnitLevel.Agency => "agency = $1",
            UnitLevel.Direct when directAgencies is not null => "unit IS NULL AND agency = ANY($5) AND $1::text IS NOT NULL",
            UnitLevel.Direct => "agency IS NOT NULL AND unit IS NULL AND $1::text IS NOT NULL",
            _ => throw new ArgumentException($"No inbox events are kept under {key}: the city is the sum of its contributors.", nameof(key)),
        };
        var last = afterSeq;
        while (true)
        {
            // A connection per page, back in the pool before the page is handed out: a reader that pauses between
            // pages (every unit of a node recovering at once) never holds one while it waits.
            var page = ReadPage(filter, key.Code, last, throughSeq, pageSize, directAgencies);
            if (page.Count == 0)
            {
                yield break;
            }

            last = page[^1].Seq;
            yield return page;
        }
    }

    private List<InboxRecord> ReadPage(string filter, string code, long after, long through, int pageSize, IReadOnlyCollection<string>? directAgencies)
    {
        using var connection = _source.OpenConnection();
        using var command = new NpgsqlCommand($"SELECT seq, id, body FROM inbox_events WHERE {filter} AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = code });
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = through });
        command.Parameters.Add(new NpgsqlParameter { Value = pageSize });
        if (directAgencies is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = directAgencies.ToArray() });
        }

        var page = new List<InboxRecord>(Math.Min(pageSize, 1024));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            page.Add(new InboxRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return page;
    }

    public InboxRecord? Read(long seq)
    {
        using var connection = _source.OpenConnection();
        using var command = new NpgsqlCommand("SELECT seq, id, body FROM inbox_events WHERE seq = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = seq });
        using var reader = command.ExecuteReader();
        return reader.Read() ? new InboxRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    public void Dispose() => _source.Dispose();

    private void CreateSchema()
    {
        // Nodes starting together would race on CREATE ... IF NOT EXISTS (it is not atomic in PostgreSQL): one at a time.
        // The quarantine's table too (PostgresQuarantineStore): created here, while the host starts, its store needs no
        // I/O to be built. Built inside a grain's activation, its DDL held the container's lock while Npgsql's
        // multi-statement write waited for a thread-pool thread that every other activation held waiting on that lock.
        using var connection = _source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var command = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock({SchemaLock});
            CREATE TABLE IF NOT EXISTS inbox_events (
              seq    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              id     text NOT NULL UNIQUE,
              body   text NOT NULL,
              unit   text,
              agency text
            );
            CREATE INDEX IF NOT EXISTS inbox_events_unit ON inbox_events (unit, seq) WHERE unit IS NOT NULL;
            CREATE INDEX IF NOT EXISTS inbox_events_agency ON inbox_events (agency, seq) WHERE agency IS NOT NULL;
            CREATE INDEX IF NOT EXISTS inbox_events_direct ON inbox_events (seq) WHERE agency IS NOT NULL AND unit IS NULL;
            CREATE TABLE IF NOT EXISTS inbox_quarantine (
              level integer NOT NULL, unit text NOT NULL, seq bigint NOT NULL, id text NOT NULL, reason text NOT NULL,
              at bigint NOT NULL, PRIMARY KEY (level, unit, seq));
            """,
            connection,
            transaction);
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    private long Scalar(string sql)
    {
        using var connection = _source.OpenConnection();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
