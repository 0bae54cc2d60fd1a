using IOC.Domain.Units;
using Microsoft.Data.Sqlite;

namespace IOC.Ingestion.Inbox;

/// <summary>
/// The inbox's index by grain key, kept off the commit path: a commit writes only the events; every
/// <c>indexEvery</c> events the writer adds their keys to <c>event_keys</c> in one sorted transaction, and
/// <c>key_index.through</c> says how far that goes. A key's tail is read from the index up to there and by scanning
/// the few events after it. Indexing each event as it was committed touched a leaf of the unit and the agency index
/// in ~130 places per group (~3,300 nationally), each a whole page written to the WAL and again at its checkpoint
/// (docs/benchmarks.md, "Seventh pass").
/// </summary>
/// <remarks>
/// One row per key an event is read back under: <c>u:{ward}</c>, <c>a:{agency}</c>, and <c>d:{agency}</c> for an
/// agency's direct work (an agency and no ward). An index step and its new <c>through</c> commit together, so every
/// event numbered up to <c>through</c> is in the index and none after it.
/// </remarks>
internal static class SqliteKeyIndex
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS event_keys (key TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (key, seq)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS key_index (one INTEGER PRIMARY KEY CHECK (one = 1), through INTEGER NOT NULL);
        INSERT OR IGNORE INTO key_index (one, through) VALUES (1, 0);
        DROP INDEX IF EXISTS events_unit;
        DROP INDEX IF EXISTS events_agency;
        """;

    /// <summary>The number of the last event in the index (the writer's connection, or a reader's).</summary>
    public static long Through(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT through FROM key_index";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Indexes the events after <paramref name="from"/> through <paramref name="to"/> in one transaction.</summary>
    public static void Add(SqliteConnection connection, long from, long to)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;

        // Sorted by key: each leaf of the index is written once per step, not once per event.
        command.CommandText = """
            INSERT INTO event_keys (key, seq)
              SELECT 'u:' || unit, seq FROM events WHERE seq > $from AND seq <= $to AND unit IS NOT NULL
              UNION ALL
              SELECT 'a:' || agency, seq FROM events WHERE seq > $from AND seq <= $to AND agency IS NOT NULL
              UNION ALL
              SELECT 'd:' || agency, seq FROM events WHERE seq > $from AND seq <= $to AND agency IS NOT NULL AND unit IS NULL
              ORDER BY 1, 2;
            UPDATE key_index SET through = $to;
            """;
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>
    /// The two halves of a key's query: the indexed events (a join of <c>event_keys</c> to <c>events</c>), and the
    /// condition on an event's own columns for the ones after the index.
    /// </summary>
    public static (string Indexed, string Tail) Filters(UnitKey key, IReadOnlyCollection<string>? directAgencies) => key.Level switch
    {
        UnitLevel.Ward => ("k.key = 'u:' || $code", "unit = $code"),
        UnitLevel.Agency => ("k.key = 'a:' || $code", "agency = $code"),
        UnitLevel.Direct when directAgencies is not null => (
            $"k.key IN ({string.Join(", ", directAgencies.Select((_, i) => "'d:' || $a" + i))})",
            $"unit IS NULL AND agency IN ({string.Join(", ", directAgencies.Select((_, i) => "$a" + i))})"),
        UnitLevel.Direct => ("k.key >= 'd:' AND k.key < 'd;'", "agency IS NOT NULL AND unit IS NULL"),
        _ => throw new ArgumentException($"No inbox events are kept under {key}: the city is the sum of its contributors.", nameof(key)),
    };
}
