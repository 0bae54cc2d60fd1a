using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace IOC.History.Writing;

/// <summary>
/// One prepared statement on a connection, run through SQLite's own API and bound by position. Microsoft.Data.Sqlite
/// binds each value by name, boxes it and walks a data reader on every execution: the buffer's save runs a statement
/// per open item that changed (tens of thousands a second under load), where that came to ~5 % of the server's CPU.
/// Runs inside whatever transaction the connection has open. Not thread-safe, as its connection.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement));
    }

    /// <summary>Binds <paramref name="values"/> to ?1, ?2, … and runs the statement once.</summary>
    public void Run(params ReadOnlySpan<Value> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var position = i + 1;
            Check(values[i] switch
            {
                { Text: { } text } => raw.sqlite3_bind_text(_statement, position, text),
                { Blob: { } blob } => raw.sqlite3_bind_blob(_statement, position, blob),
                { Integer: { } integer } => raw.sqlite3_bind_int64(_statement, position, integer),
                _ => raw.sqlite3_bind_null(_statement, position),
            });
        }

        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, _db);

    /// <summary>A value to bind: an integer, a text, a blob, or null (none of them).</summary>
    public readonly struct Value
    {
        public long? Integer { get; private init; }

        public string? Text { get; private init; }

        public byte[]? Blob { get; private init; }

        public static implicit operator Value(long integer) => new() { Integer = integer };

        public static implicit operator Value(string? text) => new() { Text = text };

        public static implicit operator Value(byte[] blob) => new() { Blob = blob };
    }
}
