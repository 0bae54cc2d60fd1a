using System.Diagnostics;
using IOC.Domain.Events;
using IOC.Domain.Units;
using IOC.Grains.Routing;
using IOC.Ingestion.Inbox;
using IOC.Ingestion.Parsing;

namespace IOC.Ingestion;

/// <summary>
/// The one way events get in (HTTP, simulator, replay): parse and validate each item, append the valid ones
/// to the inbox in one transaction (dedupe by id), then hand the new ones to the grains.
/// An event is acknowledged only after it is in the inbox; a retried batch counts nothing twice.
/// </summary>
public sealed class IngestionService : IDisposable
{
    private readonly SqliteInbox _inbox;
    private readonly GrainRouter _router;
    private readonly EventParser _parser;
    private readonly TimeProvider _time;
    private readonly DossierLedger _ledger = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private long _stored;
    private long _duplicates;
    private long _rejected;

    public IngestionService(SqliteInbox inbox, GrainRouter router, UnitCatalog units, IngestionOptions options, TimeProvider time)
    {
        _inbox = inbox;
        _router = router;
        _parser = new EventParser(units);
        _time = time;
        Options = options;
        _stored = inbox.Count();
    }

    public IngestionOptions Options { get; }

    public InboxStats Stats => new(_inbox.Path, Interlocked.Read(ref _stored), Interlocked.Read(ref _duplicates), Interlocked.Read(ref _rejected), RecoveredEvents, RecoverySkipped);

    public long RecoveredEvents { get; private set; }

    public long RecoverySkipped { get; private set; }

    /// <exception cref="BatchRejectedException">The body cannot be read or is over the limits; nothing is kept.</exception>
    public async Task<IngestResult> IngestAsync(ReadOnlyMemory<byte> body, bool ndjson, CancellationToken cancellationToken = default)
    {
        if (body.Length > Options.MaxBodyBytes)
        {
            throw new BatchRejectedException(BatchRejection.TooLarge, $"Body is {body.Length} bytes; the limit is {Options.MaxBodyBytes} (Ingestion:MaxBodyBytes).");
        }

        using var items = BatchReader.Read(body, ndjson, Options.MaxEventsPerRequest);
        var now = _time.GetUtcNow();
        var parsed = new List<(RawItem Item, IocEvent Event)>(items.Count);
        var rejected = new List<ItemError>();
        foreach (var item in items)
        {
            var result = _parser.Parse(item, now);
            if (result.Error is { } error)
            {
                rejected.Add(error);
            }
            else
            {
                parsed.Add((item, result.Event!));
            }
        }

        var (accepted, duplicates) = await StoreAndRouteAsync(parsed, rejected, cancellationToken);
        Interlocked.Add(ref _rejected, rejected.Count);
        rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new IngestResult(accepted, duplicates, rejected);
    }

    /// <summary>Rebuilds grains from every event in the inbox (on start, before serving).</summary>
    public async Task RecoverAsync(Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        await _writer.WaitAsync(cancellationToken);
        try
        {
            foreach (var page in _inbox.ReadAfter(0))
            {
                var events = new List<IocEvent>(page.Count);
                foreach (var record in page)
                {
                    using var document = System.Text.Json.JsonDocument.Parse(record.Body);
                    var result = _parser.Parse(new RawItem(0, document.RootElement, record.Body), now: null);
                    if (result.Event is { } e)
                    {
                        _ledger.Apply(e);
                        events.Add(e);
                    }
                    else
                    {
                        // Accepted once, invalid now: seed data changed (a unit code removed). Keep it stored, skip it.
                        RecoverySkipped++;
                        log?.Invoke($"Inbox event {record.Id} (seq {record.Seq}) no longer validates: {result.Error!.Field} {result.Error.Reason}");
                    }
                }

                await _router.PostAsync(events, cancellationToken);
                RecoveredEvents += events.Count;
            }
        }
        finally
        {
            _writer.Release();
        }

        log?.Invoke($"Recovered {RecoveredEvents} events from the inbox in {stopwatch.ElapsedMilliseconds} ms");
    }

    public void Dispose() => _writer.Dispose();

    private async Task<(int Accepted, int Duplicates)> StoreAndRouteAsync(
        List<(RawItem Item, IocEvent Event)> parsed, List<ItemError> rejected, CancellationToken cancellationToken)
    {
        // One writer at a time: the ledger check, the inbox order and the grains' order stay the same,
        // so a restart that replays the inbox rebuilds exactly what was live.
        await _writer.WaitAsync(cancellationToken);
        try
        {
            var batchReceived = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            var valid = new List<(RawItem Item, IocEvent Event)>(parsed.Count);
            foreach (var (item, e) in parsed)
            {
                if (e is DossierCompleted completed &&
                    DossierLedger.Contradiction(completed, batchReceived.TryGetValue(completed.DossierId, out var inBatch) ? inBatch : _ledger.ReceivedAt(completed.DossierId)) is { } reason)
                {
                    rejected.Add(new ItemError(item.Index, e.Id, "completedAt", reason));
                    continue;
                }

                if (e is DossierReceived received)
                {
                    batchReceived[received.DossierId] = received.At;
                }

                valid.Add((item, e));
            }

            if (valid.Count == 0)
            {
                return (0, 0);
            }

            var isNew = _inbox.Append(valid.Select(v => (v.Event.Id, v.Item.Raw)).ToList());
            var fresh = new List<IocEvent>(valid.Count);
            for (var i = 0; i < valid.Count; i++)
            {
                if (isNew[i])
                {
                    _ledger.Apply(valid[i].Event);
                    fresh.Add(valid[i].Event);
                }
            }

            Interlocked.Add(ref _stored, fresh.Count);
            Interlocked.Add(ref _duplicates, valid.Count - fresh.Count);

            // Already durable: from here a crash loses nothing, the restart replays the inbox.
            await _router.PostAsync(fresh, CancellationToken.None);
            return (fresh.Count, valid.Count - fresh.Count);
        }
        finally
        {
            _writer.Release();
        }
    }
}

public sealed record InboxStats(string Path, long StoredEvents, long Duplicates, long Rejected, long RecoveredEvents, long RecoverySkipped);
