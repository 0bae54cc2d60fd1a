using System.Runtime.CompilerServices;
using System.Text;
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
public sealed class InboxTail(IInbox inbox, UnitCatalog units, Quarantine quarantine, TimeProvider time)
{
    private readonly EventParser _parser = new(units);

    // The stores answer synchronously, so each read holds a thread-pool thread. Every unit activates at once at start
    // (and a dead node's units at once on the survivors): unbounded, 126 blocked reads starve the pool, and the silo's
    // own timers stall for tens of seconds on 2 cores. Waiting here is asynchronous and holds no thread.
    private readonly SemaphoreSlim _reads = new(Math.Max(2, Environment.ProcessorCount * 2));

    // Every unit asks for the inbox's last number on each catch-up (every 2 s on a shared inbox): 3,394 units in national
    // mode asked PostgreSQL 1,700 times a second while idle, a third of the machine. One read now answers every unit
    // that asks while it runs or within LastSeqSharedFor of it. An older number is still right for a catch-up: every
    // event numbered up to it was committed when it was read; the cut moves a little less far and the next one goes on.
    private readonly Lock _lastSeqSync = new();
    private Task<long>? _lastSeq;
    private long _lastSeqAt;
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

        var result = Parse(record);
        return result.Event is { } e ? (new InboxEvent(seq, e), null) : (null, $"no longer validates: {result.Error!.Field} {result.Error.Reason}");
    }

    /// <summary>How long one read of the inbox's last number answers every unit that asks.</summary>
    public static readonly TimeSpan LastSeqSharedFor = TimeSpan.FromMilliseconds(500);

    /// <summary>Reads of the inbox's last number made so far (one per <see cref="LastSeqSharedFor"/> at most while units ask).</summary>
    public long LastSeqReads { get; private set; }

    /// <summary>
    /// The inbox's highest number, read on the thread pool within the same bound as the pages; a read that is running or
    /// finished less than <see cref="LastSeqSharedFor"/> ago answers instead (a failed one does not).
    /// </summary>
    public Task<long> LastSeqAsync(CancellationToken cancellationToken)
    {
        lock (_lastSeqSync)
        {
            var fresh = _lastSeq is { IsFaulted: false, IsCanceled: false } read
                        && (!read.IsCompleted || time.GetElapsedTime(_lastSeqAt) < LastSeqSharedFor);
            if (!fresh)
            {
                // Timed from the start of the read: what it returns was last at least then.
                _lastSeqAt = time.GetTimestamp();
                _lastSeq = ReadAsync(inbox.LastSeq, CancellationToken.None);
                LastSeqReads++;
            }

            return _lastSeq!.WaitAsync(cancellationToken);
        }
    }

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
                var result = Parse(record);
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

    /// <summary>A stored event parsed as it was accepted (no clock rules: they held when it came in).</summary>
    private ParseResult Parse(InboxRecord record)
    {
        var utf8 = Encoding.UTF8.GetBytes(record.Body);
        using var document = JsonDocument.Parse(utf8);
        return _parser.Parse(new RawItem(0, document.RootElement, utf8), now: null);
    }
}
