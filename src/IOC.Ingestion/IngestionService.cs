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
        _parser = new EventParser(units, options);
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

    /// <summary>Rebuilds grains from every event in the inbox (on start, before serving, when there is no checkpoint).</summary>
    public Task RecoverAsync(Action<string>? log = null, CancellationToken cancellationToken = default) =>
        RecoverAsync(InboxRange.All, log, cancellationToken);

    /// <summary>
    /// Replays the inbox events in <paramref name="range"/> into the grains, oldest first, each page registered with the
    /// router's <see cref="GrainRouter.Seqs"/> so the next collect's cut includes it. On start, before serving.
    /// </summary>
    public async Task RecoverAsync(InboxRange range, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var recovered = 0L;
        await _writer.WaitAsync(cancellationToken);
        try
        {
            foreach (var page in _inbox.ReadAfter(range.AfterSeq))
            {
                var events = new List<IocEvent>(page.Count);
                long first = 0, last = 0;
                foreach (var record in page)
                {
                    if (record.Seq > range.ThroughSeq)
                    {
                        break;
                    }

                    if (range.Skip?.Invoke(record.Seq) == true)
                    {
                        continue;
                    }

                    first = first == 0 ? record.Seq : first;
                    last = record.Seq;
                    if (Parse(record, log) is { } e)
                    {
                        _ledger.Apply(e);
                        events.Add(e);
                    }
                }

                if (last > 0)
                {
                    await _router.PostAsync(events, _router.Seqs.Register(first, last), cancellationToken);
                    recovered += events.Count;
                }

                if (page[^1].Seq > range.ThroughSeq)
                {
                    break;
                }
            }
        }
        finally
        {
            _writer.Release();
        }

        RecoveredEvents += recovered;
        log?.Invoke($"Recovered {recovered} events from the inbox ({range}) in {stopwatch.ElapsedMilliseconds} ms");
    }

    /// <summary>The open dossiers a restart restored from the history checkpoint: completions are checked against them.</summary>
    public void RestoreLedger(IEnumerable<(string DossierId, DateTimeOffset ReceivedAt)> openDossiers)
    {
        foreach (var (id, receivedAt) in openDossiers)
        {
            _ledger.Restore(id, receivedAt);
        }
    }

    private IocEvent? Parse(InboxRecord record, Action<string>? log)
    {
        using var document = System.Text.Json.JsonDocument.Parse(record.Body);
        var result = _parser.Parse(new RawItem(0, document.RootElement, record.Body), now: null);
        if (result.Event is null)
        {
            // Accepted once, invalid now: seed data changed (a unit code removed). Keep it stored, skip it.
            RecoverySkipped++;
            log?.Invoke($"Inbox event {record.Id} (seq {record.Seq}) no longer validates: {result.Error!.Field} {result.Error.Reason}");
        }

        return result.Event;
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

            var seqs = _inbox.AppendReturningSeqs(valid.Select(v => (v.Event.Id, v.Item.Raw)).ToList());
            var fresh = new List<IocEvent>(valid.Count);
            long first = long.MaxValue, last = 0;
            for (var i = 0; i < valid.Count; i++)
            {
                if (seqs[i] > 0)
                {
                    _ledger.Apply(valid[i].Event);
                    fresh.Add(valid[i].Event);
                    first = Math.Min(first, seqs[i]);
                    last = Math.Max(last, seqs[i]);
                }
            }

            // Registered in the inbox's order, under the writer lock: the fold cut then knows which batches precede which.
            var ticket = fresh.Count > 0 ? _router.Seqs.Register(first, last) : null;

            Interlocked.Add(ref _stored, fresh.Count);
            Interlocked.Add(ref _duplicates, valid.Count - fresh.Count);
            Options.OnStored?.Invoke(fresh);

            // Already durable: from here a crash loses nothing, the restart replays the inbox.
            await _router.PostAsync(fresh, ticket, CancellationToken.None);
            return (fresh.Count, valid.Count - fresh.Count);
        }
        finally
        {
            _writer.Release();
        }
    }
}

/// <summary>Which inbox events a recovery replays: after one sequence number, up to another, minus those skipped.</summary>
public sealed record InboxRange(long AfterSeq, long ThroughSeq = long.MaxValue, Func<long, bool>? Skip = null)
{
    public static readonly InboxRange All = new(0);

    public override string ToString() =>
        (AfterSeq, ThroughSeq) switch
        {
            (0, long.MaxValue) => "all",
            (_, long.MaxValue) => $"after seq {AfterSeq}",
            _ => $"seq {AfterSeq + 1}..{ThroughSeq}",
        } + (Skip is null ? "" : ", skipping what the checkpoint holds");
}

public sealed record InboxStats(string Path, long StoredEvents, long Duplicates, long Rejected, long RecoveredEvents, long RecoverySkipped);
