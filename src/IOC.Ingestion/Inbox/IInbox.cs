using IOC.Domain.Units;

namespace IOC.Ingestion.Inbox;

/// <summary>
/// The durable inbox behind ingestion and grain recovery: every accepted event once (its id is the dedupe key), numbered
/// in commit order, readable per grain key. Two stores keep it: <see cref="SqliteInbox"/> (the embedded default, one
/// node, a file in the data folder) and <see cref="Postgres.PostgresInbox"/> (a cluster: every node writes to one
/// PostgreSQL database, so no acknowledged event depends on one node's disk).
/// </summary>
/// <remarks>
/// The contract both keep (tests/IOC.Ingestion.Tests/Inbox/InboxContract.cs): a batch is one transaction; a stored id is
/// never stored again (a duplicate gets 0); sequence numbers grow in commit order, so a reader that has seen number N
/// never later meets a newly committed event numbered below N. That last rule is what lets a grain's checkpoint be a
/// sequence number (docs/cluster.md, "Checkpoints").
/// </remarks>
public interface IInbox
{
    /// <summary>
    /// Several nodes append (a cluster's PostgreSQL): a batch's last number is then no checkpoint, its range is
    /// (docs/cluster.md, "Checkpoints"). False for the embedded default's one writer.
    /// </summary>
    bool Shared => false;

    /// <summary>Where the events are: the SQLite file, or the PostgreSQL server and database (never a password).</summary>
    string Path { get; }

    /// <summary>
    /// Appends a batch in one transaction. Returns, per item, the sequence number it was stored under, or 0 for a
    /// duplicate id (stored before, by any node, or earlier in the same batch).
    /// </summary>
    long[] AppendReturningSeqs(IReadOnlyList<InboxItem> items);

    long Count();

    /// <summary>The highest sequence number committed (0: empty).</summary>
    long LastSeq();

    /// <summary>
    /// The events of one grain's key after <paramref name="afterSeq"/> up to <paramref name="throughSeq"/>, oldest first,
    /// in pages: a ward's, an agency's, or the city's direct work (an agency and no ward). Thread-safe.
    /// </summary>
    /// <param name="directAgencies">
    /// For a province's direct work in national mode: its province's agencies (the work of another province's agencies
    /// is not its own). Null: every agency's (one province).
    /// </param>
    IEnumerable<IReadOnlyList<InboxRecord>> ReadKeyAfter(
        UnitKey key, long afterSeq, long throughSeq = long.MaxValue, int pageSize = 5000, IReadOnlyCollection<string>? directAgencies = null);

    /// <summary>The record stored under <paramref name="seq"/>, or null. Thread-safe.</summary>
    InboxRecord? Read(long seq);
}
