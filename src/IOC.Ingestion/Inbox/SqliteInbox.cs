using Microsoft.Data.Sqlite;

namespace IOC.Ingestion.Inbox;

/// <summary>One event as the inbox keeps it: arrival order, the dedupe id and the JSON as accepted.</summary>
public readonly record struct InboxRecord(long Seq, string Id, string Body);

/// <summary>
/// The durable inbox: every accepted event, in arrival order, keyed by its id (which makes retries idempotent).
/// A batch is one transaction; it is committed before the producer gets its 202.
/// Not thread-safe: <see cref="IngestionService"/> is its single writer.
/// </summary>
public sealed class SqliteInbox : IDisposable
{
    /// <summary>
    /// Rows per INSERT statement. One row per statement pays the statement overhead per row; wide statements
    /// pay Microsoft.Data.Sqlite's per-parameter binding cost, which grows with the width. Measured best: ~10.
    /// </summary>
    private const int RowsPerStatement = 10;

    private readonly SqliteConnection _connection;
    private readonly Dictionary<int, SqliteCommand> _inserts = new();

    static SqliteInbox() => SQLitePCL.Batteries_V2.Init();

    public SqliteInbox(string path, bool fullSync = false)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();

        // WAL + synchronous=NORMAL survives a killed process (the WAL is in the OS page cache);
        // FULL also survives a power cut, at a cost per commit.
        Execute($"PRAGMA journal_mode=WAL; PRAGMA synchronous={(fullSync ? "FULL" : "NORMAL")}; PRAGMA temp_store=MEMORY; PRAGMA busy_timeout=5000;");
        Execute("""
            CREATE TABLE IF NOT EXISTS events (
              seq  INTEGER PRIMARY KEY,
              id   TEXT NOT NULL UNIQUE,
              body TEXT NOT NULL
            );
            """);
    }

    public string Path { get; }

    /// <summary>Appends a batch in one transaction. Returns, per item, whether it was new (false: a duplicate id).</summary>
    public bool[] Append(IReadOnlyList<(string Id, string Body)> items) => Array.ConvertAll(AppendReturningSeqs(items), seq => seq > 0);

    /// <summary>
    /// Appends a batch in one transaction. Returns, per item, the sequence number it was stored under, or 0 for a
    /// duplicate id. The new items of one batch get consecutive numbers (one writer, one transaction).
    /// </summary>
    public long[] AppendReturningSeqs(IReadOnlyList<(string Id, string Body)> items)
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
                insert.Parameters[2 * i].Value = items[start + i].Id;
                insert.Parameters[(2 * i) + 1].Value = items[start + i].Body;
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

    /// <summary>Every record after <paramref name="afterSeq"/>, oldest first, read in pages so memory stays flat.</summary>
    public IEnumerable<IReadOnlyList<InboxRecord>> ReadAfter(long afterSeq, int pageSize = 5000)
    {
        var last = afterSeq;
        while (true)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT seq, id, body FROM events WHERE seq > $after ORDER BY seq LIMIT $limit";
            command.Parameters.AddWithValue("$after", last);
            command.Parameters.AddWithValue("$limit", pageSize);
            var page = new List<InboxRecord>(pageSize);
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
        var values = string.Join(", ", Enumerable.Range(0, rows).Select(i => $"($i{i}, $b{i})"));
        insert.CommandText = $"INSERT OR IGNORE INTO events (id, body) VALUES {values} RETURNING seq, id";
        for (var i = 0; i < rows; i++)
        {
            insert.Parameters.Add($"$i{i}", SqliteType.Text);
            insert.Parameters.Add($"$b{i}", SqliteType.Text);
        }

        _inserts[rows] = insert;
        return insert;
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
