using IOC.Domain.Events;
using IOC.Domain.Units;
using IOC.Grains.Delivery;
using IOC.Grains.Messages;
using IOC.Ingestion.Inbox;
using IOC.Ingestion.Parsing;

namespace IOC.Ingestion;

/// <summary>
/// The one way events get in (HTTP, simulator, replay): parse and validate each item, append the valid ones
/// to the inbox in one transaction (dedupe by id), then hand the new ones to their grains, one call per unit.
/// An event is acknowledged only after it is in the inbox; a retried batch counts nothing twice.
/// </summary>
public sealed class IngestionService : IDisposable
{
    private readonly IInbox _inbox;
    private readonly EventDelivery _delivery;
    private readonly EventParser _parser;
    private readonly TimeProvider _time;
    private readonly DossierLedger _ledger = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private long _stored;
    private long _duplicates;
    private long _rejected;

    public IngestionService(IInbox inbox, EventDelivery delivery, UnitCatalog units, IngestionOptions options, TimeProvider time)
    {
        _inbox = inbox;
        _delivery = delivery;
        _parser = new EventParser(units, options);
        _time = time;
        Options = options;
        _stored = inbox.Count();
    }

    public IngestionOptions Options { get; }

    public InboxStats Stats => new(_inbox.Path, Interlocked.Read(ref _stored), Interlocked.Read(ref _duplicates), Interlocked.Read(ref _rejected), _delivery.Undelivered);

    /// <summary>Open dossiers known to the grains (after a restart): completions are checked against their receipt.</summary>
    public int LedgerSize => _ledger.Count;

    /// <exception cref="BatchRejectedException">The body cannot be read or is over the limits; nothing is kept.</exception>
    public Task<IngestResult> IngestAsync(ReadOnlyMemory<byte> body, bool ndjson, CancellationToken cancellationToken = default) =>
        IngestAsync(body, ndjson, scope: null, cancellationToken);

    /// <summary>As above, for a sender limited to <paramref name="scope"/> (null: anything): events outside it are rejected one by one.</summary>
    /// <exception cref="BatchRejectedException">The body cannot be read or is over the limits; nothing is kept.</exception>
    public async Task<IngestResult> IngestAsync(ReadOnlyMemory<byte> body, bool ndjson, IEventScope? scope, CancellationToken cancellationToken = default)
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
            else if (scope?.Refuses(result.Event!) is { } outside)
            {
                rejected.Add(new ItemError(item.Index, result.Event!.Id, outside.Field, outside.Reason));
            }
            else
            {
                parsed.Add((item, result.Event!));
            }
        }

        var (accepted, duplicates) = await StoreAndDeliverAsync(parsed, rejected, cancellationToken);
        Interlocked.Add(ref _rejected, rejected.Count);
        rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new IngestResult(accepted, duplicates, rejected);
    }

    /// <summary>The open dossiers the grains restored after a restart: completions are checked against them.</summary>
    public void RestoreLedger(IEnumerable<(string DossierId, DateTimeOffset ReceivedAt)> openDossiers)
    {
        foreach (var (id, receivedAt) in openDossiers)
        {
            _ledger.Restore(id, receivedAt);
        }
    }

    public void Dispose() => _writer.Dispose();

    private async Task<(int Accepted, int Duplicates)> StoreAndDeliverAsync(
        List<(RawItem Item, IocEvent Event)> parsed, List<ItemError> rejected, CancellationToken cancellationToken)
    {
        // One writer at a time, up to the grains' answer: the ledger check, the inbox order and the order each grain
        // folds in stay the same, so a grain that rebuilds from its inbox tail rebuilds exactly what was live, and the
        // last sequence number of a delivered batch is a checkpoint for every grain it reached. A shared inbox (a
        // cluster) has other writers: the batch's range is delivered instead (docs/cluster.md, "Checkpoints").
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

            var seqs = _inbox.AppendReturningSeqs([.. valid.Select(v => new InboxItem(v.Event.Id, v.Item.Raw, v.Event.Unit, v.Event.Agency))]);
            var fresh = new List<InboxEvent>(valid.Count);
            for (var i = 0; i < valid.Count; i++)
            {
                if (seqs[i] > 0)
                {
                    _ledger.Apply(valid[i].Event);
                    fresh.Add(new InboxEvent(seqs[i], valid[i].Event));
                }
            }

            Interlocked.Add(ref _stored, fresh.Count);
            Interlocked.Add(ref _duplicates, valid.Count - fresh.Count);
            Options.OnStored?.Invoke([.. fresh.Select(f => f.Event)]);

            // Already durable: from here a crash loses nothing, each grain replays its inbox tail when it activates.
            if (fresh.Count > 0)
            {
                await _delivery.DeliverAsync(fresh, fresh[^1].Seq, _inbox.Shared ? fresh[0].Seq : 0, CancellationToken.None);
            }

            return (fresh.Count, valid.Count - fresh.Count);
        }
        finally
        {
            _writer.Release();
        }
    }
}

public sealed record InboxStats(string Path, long StoredEvents, long Duplicates, long Rejected, int Undelivered);
