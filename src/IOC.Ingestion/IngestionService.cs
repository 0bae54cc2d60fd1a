using IOC.Domain.Events;
using IOC.Domain.Units;
using IOC.Grains.Delivery;
using IOC.Grains.Messages;
using IOC.Ingestion.Inbox;
using IOC.Ingestion.Parsing;

namespace IOC.Ingestion;

/// <summary>
/// The one way events get in (HTTP, simulator, replay): parse and validate each item, append the valid ones
/// to the inbox in one transaction (dedupe by id) with the requests waiting beside them (<see cref="GroupCommit"/>),
/// then hand the new ones to their grains, one call per unit. An event is acknowledged only after it is in the inbox
/// and folded; a retried batch counts nothing twice.
/// </summary>
public sealed class IngestionService
{
    private readonly IInbox _inbox;
    private readonly EventDelivery _delivery;
    private readonly EventParser _parser;
    private readonly TimeProvider _time;
    private readonly DossierLedger _ledger = new();
    private readonly GroupCommit _writer;
    private long _rejected;

    public IngestionService(IInbox inbox, EventDelivery delivery, UnitCatalog units, IngestionOptions options, TimeProvider time)
    {
        _inbox = inbox;
        _delivery = delivery;
        _parser = new EventParser(units, options);
        _time = time;
        Options = options;
        _writer = new GroupCommit(inbox, delivery, _ledger, options);
    }

    public IngestionOptions Options { get; }

    public InboxStats Stats => new(_inbox.Path, _writer.Stored, _writer.Duplicates, Interlocked.Read(ref _rejected), _delivery.Undelivered, _writer.Commits);

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

        var (accepted, duplicates) = await _writer.StoreAsync(parsed, rejected, cancellationToken);
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

    public void Dispose()
    {
        // Nothing to release: the group writer holds no handle of its own (the inbox is disposed by its owner).
    }
}

/// <param name="Commits">Inbox transactions since the start (one per group of requests: group commit).</param>
public sealed record InboxStats(string Path, long StoredEvents, long Duplicates, long Rejected, int Undelivered, long Commits = 0);
