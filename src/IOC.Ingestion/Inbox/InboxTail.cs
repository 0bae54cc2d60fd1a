using System.Runtime.CompilerServices;
using System.Text.Json;
using IOC.Domain.Units;
using IOC.Grains.Messages;
using IOC.Grains.Ports;
using IOC.Ingestion.Parsing;

namespace IOC.Ingestion.Inbox;

/// <summary>
/// A grain's own events read back from the inbox when it activates: parsed as they were accepted. An event that no
/// longer validates (seed data changed: an agency code removed) stays stored, is skipped and counted, and goes to the
/// quarantine with the reason, to be replayed once the data is fixed.
/// </summary>
public sealed class InboxTail(IInbox inbox, UnitCatalog units, Quarantine quarantine)
{
    private readonly EventParser _parser = new(units);

    // The stores answer synchronously, so each read holds a thread-pool thread. Every unit activates at once at start
    // (and a dead node's units at once on the survivors): unbounded, 126 blocked reads starve the pool, and the silo's
    // own timers stall for tens of seconds on 2 cores. Waiting here is asynchronous and holds no thread.
    private readonly SemaphoreSlim _reads = new(Math.Max(2, Environment.ProcessorCount * 2));
    private long _read;
    private long _skipped;

    public long EventsRead => Interlocked.Read(ref _read);

    public long EventsSkipped => Interlocked.Read(ref _skipped);

    /// <summary>One stored event parsed as it was accepted (a quarantine replay), or why it no longer validates.</summary>
    public (InboxEvent? Event, string? Reason) ReadOne(long seq)
    {
        if (inbox.Read(seq) is not { } record)
        {
            return (null, "is no longer in the inbox");
        }

        using var document = JsonDocument.Parse(record.Body);
        var result = _parser.Parse(new RawItem(0, document.RootElement, record.Body), now: null);
        return result.Event is { } e ? (new InboxEvent(seq, e), null) : (null, $"no longer validates: {result.Error!.Field} {result.Error.Reason}");
    }

    /// <summary>The inbox's highest number, read on the thread pool within the same bound as the pages.</summary>
    public Task<long> LastSeqAsync(CancellationToken cancellationToken) => ReadAsync(inbox.LastSeq, cancellationToken);

    private async Task<T> ReadAsync<T>(Func<T> read, CancellationToken cancellationToken)
    {
        await _reads.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(read, cancellationToken);
        }
        finally
        {
            _reads.Release();
        }
    }

    public async IAsyncEnumerable<InboxPage> ReadAsync(UnitKey key, long afterSeq, long throughSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // SQLite answers synchronously: each page is read on the thread pool, not on the activating grain's turn.
        // In national mode a province's direct work is the work of that province's agencies only.
        var agencies = key.Level == UnitLevel.Direct && units.IsNational ? units.AgenciesOf(key.Code).Select(a => a.Code).ToArray() : null;
        using var pages = inbox.ReadKeyAfter(key, afterSeq, throughSeq, directAgencies: agencies).GetEnumerator();
        while (await ReadAsync(pages.MoveNext, cancellationToken))
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
                    quarantine.Add(key, record.Seq, record.Id, $"no longer validates: {result.Error!.Field} {result.Error.Reason}");
                }
            }

            Interlocked.Add(ref _read, events.Count);
            yield return new InboxPage(events, page[^1].Seq);
        }
    }
}
