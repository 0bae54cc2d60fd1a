using IOC.Domain.Units;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace IOC.Ingestion.Inbox;

/// <summary>One event as the inbox keeps it: arrival order, the dedupe id and the JSON as accepted.</summary>
public readonly record struct InboxRecord(long Seq, string Id, string Body);

/// <summary>
/// An event to store: its dedupe id, the JSON as accepted (UTF-8, stored as text), and the ward and agency it names (the
/// keys its grains read it back by).
/// </summary>
public readonly record struct InboxItem(string Id, ReadOnlyMemory<byte> Body, string? Unit, string? Agency)
{
    public InboxItem(string id, string body, string? unit, string? agency)
        : this(id, System.Text.Encoding.UTF8.GetBytes(body), unit, agency)
    {
    }

    /// <summary>The body as a string (a copy: for tests and reports).</summary>
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body.Span);
}

/// <summary>
/// The durable inbox: every accepted event, in arrival order, keyed by its id (which makes retries idempotent) and
/// indexed by the ward and the agency it names, so a grain reads back only its own key's events when it activates
/// (that index is written in steps, off the commit path: <see cref="SqliteKeyIndex"/>).
/// A batch is one transaction; it is committed (fsync by default) before the producer gets its 202.
/// Writes are not thread-safe: <see cref="IngestionService"/> is the single writer. Reads of a key's tail open a
/// connection of their own (WAL: readers never wait for the writer).
/// </summary>
public sealed class SqliteInbox : IInbox, IDisposable
{
    private readonly SqliteConnection _connection;

    // One prepared row insert on SQLite's own API, bound by position: Microsoft.Data.Sqlite binds every parameter by
    // name on each execution and reads RETURNING through a data reader, which made the inbox write the serial part of
    // ingestion (docs/benchmarks.md, "The inbox's row insert").
    private readonly sqlite3_stmt _insert;

    private readonly int _keyIndexEvery;
    private long _last;
    private long _indexed;

    static SqliteInbox() => SQLitePCL.Batteries_V2.Init();

    /// <param name="keyIndexEvery">How many committed events wait before the writer indexes them by key.</param>
    public SqliteInbox(string path, bool fullSync = true, int keyIndexEvery = 16_384)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keyIndexEvery);
        _keyIndexEvery = keyIndexEvery;
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
        Execute(SqliteKeyIndex.Schema);

        // Index what the last run left unindexed (and, once, an inbox written before the index had its own table), so
        // grains activating at start-up read their tails from the index.
        _last = LastSeq();
        _indexed = SqliteKeyIndex.Through(_connection);
        if (_last > _indexed)
        {
            IndexKeys();
        }

        Check(raw.sqlite3_prepare_v3(
            _connection.Handle, "INSERT OR IGNORE INTO events (id, body, unit, agency) VALUES (?1, ?2, ?3, ?4)", raw.SQLITE_PREPARE_PERSISTENT, out _insert));
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
        // Before the batch, not after its commit: a failed step then fails a batch that nothing was stored of.
        if (_last - _indexed >= _keyIndexEvery)
        {
            IndexKeys();
        }

        var seqs = new long[items.Count];
        var last = _last;
        var db = _connection.Handle!;
        using var transaction = _connection.BeginTransaction();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            Check(raw.sqlite3_bind_text(_insert, 1, item.Id));
            Check(raw.sqlite3_bind_text(_insert, 2, item.Body.Span));
            Check(item.Unit is null ? raw.sqlite3_bind_null(_insert, 3) : raw.sqlite3_bind_text(_insert, 3, item.Unit));
            Check(item.Agency is null ? raw.sqlite3_bind_null(_insert, 4) : raw.sqlite3_bind_text(_insert, 4, item.Agency));
            var rc = raw.sqlite3_step(_insert);
            raw.sqlite3_reset(_insert);
            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
            }

            // OR IGNORE: no row changed for an id stored before (or earlier in this batch), which is a duplicate.
            seqs[i] = raw.sqlite3_changes(db) == 1 ? raw.sqlite3_last_insert_rowid(db) : 0;
            last = Math.Max(last, seqs[i]);
        }

        transaction.Commit();
        _last = last;
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

        var (indexed, tail) = SqliteKeyIndex.Filters(key, directAgencies);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();

        // Up to the index's end from the index, after it by the events' own columns: the index only grows, and every
        // event up to its end is in it, so the two halves never miss or repeat an event.
        var through = SqliteKeyIndex.Through(connection);
        var halves = new[]
        {
            (Sql: $"SELECT e.seq, e.id, e.body FROM event_keys k JOIN events e ON e.seq = k.seq WHERE {indexed} AND k.seq > $after AND k.seq <= $through ORDER BY k.seq LIMIT $limit",
             After: afterSeq, Through: Math.Min(throughSeq, through)),
            (Sql: $"SELECT seq, id, body FROM events WHERE {tail} AND seq > $after AND seq <= $through ORDER BY seq LIMIT $limit",
             After: Math.Max(afterSeq, through), Through: throughSeq),
        };
        foreach (var half in halves)
        {
            var last = half.After;
            while (last < half.Through)
            {
                var page = ReadPage(connection, half.Sql, key, directAgencies, last, half.Through, pageSize);
                if (page.Count == 0)
                {
                    break;
                }

                last = page[^1].Seq;
                yield return page;
            }
        }
    }

    private static List<InboxRecord> ReadPage(
        SqliteConnection connection, string sql, UnitKey key, IReadOnlyCollection<string>? directAgencies, long after, long through, int pageSize)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$code", key.Code);
        foreach (var (agency, i) in (directAgencies ?? []).Select((a, i) => (a, i)))
        {
            command.Parameters.AddWithValue("$a" + i, agency);
        }

        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$through", through);
        command.Parameters.AddWithValue("$limit", pageSize);
        var page = new List<InboxRecord>(Math.Min(pageSize, 1024));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            page.Add(new InboxRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return page;
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

    /// <summary>Adds the keys of the events committed since the last step to the index (the writer's connection).</summary>
    private void IndexKeys()
    {
        SqliteKeyIndex.Add(_connection, _indexed, _last);
        _indexed = _last;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _connection.Dispose();
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
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
