using System.Runtime.CompilerServices;
using System.Text.Json;
using IOC.Domain.Units;
using IOC.Grains.Messages;
using IOC.Ingestion.Parsing;

namespace IOC.Ingestion.Inbox;

/// <summary>
/// A grain's own events read back from the inbox when it activates: parsed as they were accepted. An event that no
/// longer validates (seed data changed: a unit code removed) stays stored and is skipped, and counted.
/// </summary>
public sealed class InboxTail(SqliteInbox inbox, UnitCatalog units)
{
    private readonly EventParser _parser = new(units);
    private long _read;
    private long _skipped;

    public long EventsRead => Interlocked.Read(ref _read);

    public long EventsSkipped => Interlocked.Read(ref _skipped);

    public async IAsyncEnumerable<IReadOnlyList<InboxEvent>> ReadAsync(UnitKey key, long afterSeq, long throughSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // SQLite answers synchronously: each page is read on the thread pool, not on the activating grain's turn.
        // In national mode a province's direct work is the work of that province's agencies only.
        var agencies = key.Level == UnitLevel.Direct && units.IsNational ? units.AgenciesOf(key.Code).Select(a => a.Code).ToArray() : null;
        using var pages = inbox.ReadKeyAfter(key, afterSeq, throughSeq, directAgencies: agencies).GetEnumerator();
        while (await Task.Run(pages.MoveNext, cancellationToken))
        {
            var page = pages.Current;
            var events = new List<InboxEvent>(page.Count);
            foreach (var record in page)
            {
                using var document = JsonDocument.Parse(record.Body);
                var result = _parser.Parse(new RawItem(0, document.RootElement, record.Body), now: null);
                if (result.Event is { } e)
                {
                    events.Add(new InboxEvent(record.Seq, e));
                }
                else
                {
                    Interlocked.Increment(ref _skipped);
                }
            }

            Interlocked.Add(ref _read, events.Count);
            if (events.Count > 0)
            {
                yield return events;
            }
        }
    }
}
