using IOC.Domain.Units;
using Microsoft.Data.Sqlite;

namespace IOC.Ingestion.Inbox;

/// <summary>One event as the inbox keeps it: arrival order, the dedupe id and the JSON as accepted.</summary>
public readonly record struct InboxRecord(long Seq, string Id, string Body);

/// <summary>An event to store: its dedupe id, the JSON as accepted, and the ward and agency it names (the keys its grains read it back by).</summary>
public readonly record struct InboxItem(string Id, string Body, string? Unit, string? Agency);

/// <summary>
/// The durable inbox: every accepted event, in arrival order, keyed by its id (which makes retries idempotent) and
/// indexed by the ward and the agency it names, so a grain reads back only its own key's events when it activates.
/// A batch is one transaction; it is committed (fsync by default) before the producer gets its 202.
/// Writes are not thread-safe: <see cref="IngestionService"/> is the single writer. Reads of a key's tail open a
/// connection of their own (WAL: readers never wait for the writer).
/// </summary>
public sealed class SqliteInbox : IInbox, IDisposable
{
    /// <summary>
    /// Rows per INSERT statement. One row per statement pays the statement overhead per row; wide statements
    /// pay Microsoft.Data.Sqlite's per-parameter binding cost, which grows with the width. Measured best: ~10.
    /// </summary>
    private const int RowsPerStatement = 10;

    private readonly SqliteConnection _connection;
    private readonly Dictionary<int, SqliteCommand> _inserts = new();

    static SqliteInbox() => SQLitePCL.Batteries_V2.Init();

    public SqliteInbox(string path, bool fullSync = true)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();

        // WAL + synchronous=FULL: a commit is on disk before the 202, so an acknowledged batch survives a power cut.
        // NORMAL (Storage:FullSync=false) survives a killed process only (the WAL is in the OS page cache).
        Execute($"PRAGMA journal_mode=WAL; PRAGMA synchronous={(fullSync ? "FULL" : "NORMAL")}; PRAGMA temp_store=MEMORY; PRAGMA busy_timeout=5000;");
        Execute("""
            CREATE TABLE IF NOT EXISTS events (
              seq    INTEGER PRIMARY KEY,
              id     TEXT NOT NULL UNIQUE,
              body   TEXT NOT NULL,
              unit   TEXT,
              agency TEXT
            );
            """);
        AddKeyColumns();
        Execute("""
            CREATE INDEX IF NOT EXISTS events_unit ON events (unit, seq) WHERE unit IS NOT NULL;
            CREATE INDEX IF NOT EXISTS events_agency ON events (agency, seq) WHERE agency IS NOT NULL;
            """);
    }

    public string Path { get; }

    /// <summary>Appends a batch in one transaction. Returns, per item, whether it was new (false: a duplicate id).</summary>
    public bool[] Append(IReadOnlyList<InboxItem> items) => Array.ConvertAll(AppendReturningSeqs(items), seq => seq > 0);

    /// <summary>
    /// Appends a batch in one transaction. Returns, per item, the sequence number it was stored under, or 0 for a
    /// duplicate id. The new items of one batch get consecutive numbers (one writer, one transaction).
    /// </summary>
    public long[] AppendReturningSeqs(IReadOnlyList<InboxItem> items)
    {
        var seqs = new long[items.Count];
        using var transaction = _connection.BeginTransaction();
        for (var start = 0; start < items.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, items.Count - start);
            var insert = Insert(count);
            insert.Transaction = transaction;
            for (var i = 0; i < count; i++)
            {
                var item = items[start + i];
                insert.Parameters[4 * i].Value = item.Id;
                insert.Parameters[(4 * i) + 1].Value = item.Body;
                insert.Parameters[(4 * i) + 2].Value = (object?)item.Unit ?? DBNull.Value;
                insert.Parameters[(4 * i) + 3].Value = (object?)item.Agency ?? DBNull.Value;
            }

            // OR IGNORE skips ids already stored; RETURNING names the rows actually inserted.
            var inserted = new Dictionary<string, long>(StringComparer.Ordinal);
            using (var reader = insert.ExecuteReader())
            {
                while (reader.Read())
                {
                    inserted[reader.GetString(1)] = reader.GetInt64(0);
                }
            }

            for (var i = 0; i < count; i++)
            {
                // Remove, not a lookup: of two items with one id in a batch, only the first was inserted.
                seqs[start + i] = inserted.Remove(items[start + i].Id, out var seq) ? seq : 0;
            }
        }

        transaction.Commit();
        return seqs;
    }

    public long Count() => (long)Scalar("SELECT count(*) FROM events")!;

    public long LastSeq() => Scalar("SELECT max(seq) FROM events") is long seq ? seq : 0;

    public IEnumerable<IReadOnlyList<InboxRecord>> ReadKeyAfter(
        UnitKey key, long afterSeq, long throughSeq = long.MaxValue, int pageSize = 5000, IReadOnlyCollection<string>? directAgencies = null)
    {
        if (key.Level == UnitLevel.Direct && directAgencies is { Count: 0 })
        {
            yield break;
        }

        var filter = key.Level switch
        {
            UnitLevel.Ward => "unit = $code",
            UnitLevel.Agency => "agency = $code",
            UnitLevel.Direct when directAgencies is not null =>
                $"unit IS NULL AND agency IN ({string.Join(", ", directAgencies.Select((_, i) => "$a" + i))})",
            UnitLevel.Direct => "agency IS NOT NULL AND unit IS NULL",
            _ => throw new ArgumentException($"No inbox events are kept under {key}: the city is the sum of its contributors.", nameof(key)),
        };
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var last = afterSeq;
        while (true)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT seq, id, body FROM events WHERE {filter} AND seq > $after AND seq <= $through ORDER BY seq LIMIT $limit";
            command.Parameters.AddWithValue("$code", key.Code);
            foreach (var (agency, i) in (directAgencies ?? []).Select((a, i) => (a, i)))
            {
                command.Parameters.AddWithValue("$a" + i, agency);
            }

            command.Parameters.AddWithValue("$after", last);
            command.Parameters.AddWithValue("$through", throughSeq);
            command.Parameters.AddWithValue("$limit", pageSize);
            var page = new List<InboxRecord>(Math.Min(pageSize, 1024));
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    page.Add(new InboxRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
                }
            }

            if (page.Count == 0)
            {
                yield break;
            }

            last = page[^1].Seq;
            yield return page;
        }
    }

    /// <summary>The record stored under <paramref name="seq"/>, or null. Thread-safe (a connection of its own).</summary>
    public InboxRecord? Read(long seq)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, id, body FROM events WHERE seq = $s";
        command.Parameters.AddWithValue("$s", seq);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new InboxRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    public void Dispose()
    {
        foreach (var insert in _inserts.Values)
        {
            insert.Dispose();
        }

        _connection.Dispose();
    }

    /// <summary>A prepared multi-row insert for <paramref name="rows"/> rows, built once per size.</summary>
    private SqliteCommand Insert(int rows)
    {
        if (_inserts.TryGetValue(rows, out var insert))
        {
            return insert;
        }

        insert = _connection.CreateCommand();
        var values = string.Join(", ", Enumerable.Range(0, rows).Select(i => $"($i{i}, $b{i}, $u{i}, $a{i})"));
        insert.CommandText = $"INSERT OR IGNORE INTO events (id, body, unit, agency) VALUES {values} RETURNING seq, id";
        for (var i = 0; i < rows; i++)
        {
            insert.Parameters.Add($"$i{i}", SqliteType.Text);
            insert.Parameters.Add($"$b{i}", SqliteType.Text);
            insert.Parameters.Add($"$u{i}", SqliteType.Text);
            insert.Parameters.Add($"$a{i}", SqliteType.Text);
        }

        _inserts[rows] = insert;
        return insert;
    }

    /// <summary>
    /// An inbox written before grains read their own tails has no key columns: add them and fill them from the stored
    /// JSON once (SQLite's JSON functions), in one transaction.
    /// </summary>
    private void AddKeyColumns()
    {
        using var columns = _connection.CreateCommand();
        columns.CommandText = "SELECT count(*) FROM pragma_table_info('events') WHERE name IN ('unit', 'agency')";
        if ((long)columns.ExecuteScalar()! == 2)
        {
            return;
        }

        using var transaction = _connection.BeginTransaction();
        using var migrate = _connection.CreateCommand();
        migrate.Transaction = transaction;
        migrate.CommandText = """
            ALTER TABLE events ADD COLUMN unit TEXT;
            ALTER TABLE events ADD COLUMN agency TEXT;
            UPDATE events SET unit = json_extract(body, '$.unit'), agency = json_extract(body, '$.agency');
            """;
        migrate.ExecuteNonQuery();
        transaction.Commit();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
