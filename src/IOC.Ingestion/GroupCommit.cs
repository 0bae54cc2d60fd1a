using IOC.Domain.Events;
using IOC.Grains.Delivery;
using IOC.Grains.Messages;
using IOC.Ingestion.Inbox;
using IOC.Ingestion.Parsing;

namespace IOC.Ingestion;

/// <summary>
/// The inbox's one writer, with group commit: requests that arrive while a group is being committed wait in a queue,
/// and the next commit takes all of them (up to <see cref="IngestionOptions.MaxGroupEvents"/> events) in one
/// transaction — one fsync — and one grain call per unit for their merged events. Each request still gets its own
/// answer, exactly as if the requests had been committed one after another in queue order: its accepted items, its
/// duplicates (an id stored before, or earlier in the group), its rejected items; and only once its events are
/// committed and folded. A group's commit fails or succeeds as a whole: on failure every request in it gets the error
/// and nothing of it is acknowledged.
/// </summary>
/// <remarks>
/// The commit of a group overlaps the delivery of the previous one (at most one group committed ahead), and each unit
/// gets its batches in inbox order (<see cref="EventDelivery"/>), so every grain still folds its batches in inbox order
/// and a delivered group's last sequence number stays its checkpoint. The dossier ledger checks a completion against the receipts committed before it: a
/// request whose completion names a dossier an earlier request of the forming group received or completed starts the
/// next group, so that check sees exactly what it would have seen one request at a time.
/// </remarks>
internal sealed class GroupCommit(IInbox inbox, EventDelivery delivery, DossierLedger ledger, IngestionOptions options)
{
    private readonly Lock _gate = new();
    private readonly Queue<Request> _queue = new();
    private int _queuedEvents;
    private bool _writing;

    // Touched by the running write loop only (one at a time, handed over under _gate).
    private Task _delivering = Task.CompletedTask;
    private long _stored = inbox.Count();
    private long _duplicates;
    private long _commits;

    public long Stored => Interlocked.Read(ref _stored);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Inbox transactions so far (each one group): fewer than requests when groups formed.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>
    /// Stores <paramref name="parsed"/> (completions that contradict a receipt go to <paramref name="rejected"/>) and
    /// delivers the new events to their grains. Returns when they are committed and folded.
    /// </summary>
    /// <exception cref="IngestionBusyException">The queue holds <see cref="IngestionOptions.MaxQueuedEvents"/> already; nothing is kept.</exception>
    public Task<(int Accepted, int Duplicates)> StoreAsync(
        List<(RawItem Item, IocEvent Event)> parsed, List<ItemError> rejected, CancellationToken cancellationToken)
    {
        var request = new Request(parsed, rejected, cancellationToken);
        bool lead;
        lock (_gate)
        {
            if (_queue.Count > 0 && _queuedEvents + parsed.Count > options.MaxQueuedEvents)
            {
                throw new IngestionBusyException(
                    $"{_queuedEvents} events are waiting for the inbox already (Ingestion:MaxQueuedEvents = {options.MaxQueuedEvents}).");
            }

            _queue.Enqueue(request);
            _queuedEvents += parsed.Count;
            lead = !_writing;
            _writing = true;
        }

        if (lead)
        {
            // The loop ends when the queue is empty; the next request starts another.
            _ = Task.Run(WriteLoopAsync, CancellationToken.None);
        }

        return request.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        while (true)
        {
            List<Request> group;
            lock (_gate)
            {
                group = TakeGroup();
                if (group.Count == 0)
                {
                    _writing = false;
                    return;
                }
            }

            var previous = _delivering;
            try
            {
                _delivering = CommitAndDeliver(group, previous);
            }
            catch (Exception ex)
            {
                // The transaction failed as a whole: nothing of the group is stored, every request in it gets the error.
                foreach (var request in group)
                {
                    request.Done.TrySetException(ex);
                }

                continue;
            }

            // This group was committed while the previous one was being delivered; go no further ahead than that.
            await previous;
        }
    }

    /// <summary>The requests of the next group, in queue order (called under the gate).</summary>
    private List<Request> TakeGroup()
    {
        var group = new List<Request>();
        var events = 0;
        HashSet<string>? dossiers = null;
        while (_queue.TryPeek(out var next))
        {
            if (next.CancellationToken.IsCancellationRequested)
            {
                _queue.Dequeue();
                _queuedEvents -= next.Parsed.Count;
                next.Done.TrySetCanceled(next.CancellationToken);
                continue;
            }

            if (group.Count > 0 && (events + next.Parsed.Count > options.MaxGroupEvents || next.CompletesAnyOf(dossiers ??= DossiersOf(group))))
            {
                break;
            }

            _queue.Dequeue();
            _queuedEvents -= next.Parsed.Count;
            group.Add(next);
            events += next.Parsed.Count;
            dossiers?.UnionWith(next.Dossiers());
        }

        return group;
    }

    private static HashSet<string> DossiersOf(List<Request> group) =>
        new(group.SelectMany(r => r.Dossiers()), StringComparer.Ordinal);

    /// <summary>Checks, appends (one transaction) and hands the new events to delivery after <paramref name="previous"/>.</summary>
    private Task CommitAndDeliver(List<Request> group, Task previous)
    {
        var items = new List<InboxItem>();
        foreach (var request in group)
        {
            request.Valid = Checked(request);
            items.AddRange(request.Valid.Select(v => new InboxItem(v.Event.Id, v.Item.Utf8, v.Event.Unit, v.Event.Agency)));
        }

        var seqs = items.Count == 0 ? [] : inbox.AppendReturningSeqs(items);
        Interlocked.Increment(ref _commits);
        var fresh = new List<InboxEvent>(items.Count);
        var at = 0;
        foreach (var request in group)
        {
            var before = fresh.Count;
            foreach (var (_, e) in request.Valid)
            {
                if (seqs[at++] is var seq and > 0)
                {
                    ledger.Apply(e);
                    fresh.Add(new InboxEvent(seq, e));
                }
            }

            request.Accepted = fresh.Count - before;
        }

        Interlocked.Add(ref _stored, fresh.Count);
        Interlocked.Add(ref _duplicates, items.Count - fresh.Count);
        options.OnStored?.Invoke([.. fresh.Select(f => f.Event)]);
        return DeliverAfterAsync(previous, group, fresh);
    }

    /// <summary>
    /// Already durable: from here a crash loses nothing, each grain replays its inbox tail when it activates. The group's
    /// calls start now (delivery keeps each unit's batches in inbox order, so units done with the previous group go on),
    /// and its requests are answered after the previous group's, when their own events are folded.
    /// </summary>
    private async Task DeliverAfterAsync(Task previous, List<Request> group, List<InboxEvent> fresh)
    {
        try
        {
            var delivered = fresh.Count == 0
                ? Task.CompletedTask
                : delivery.DeliverAsync(fresh, fresh[^1].Seq, inbox.Shared ? fresh[0].Seq : 0, CancellationToken.None);

            // A request answered "duplicate" for an event of the previous group finds it folded, as one at a time.
            await previous;
            await delivered;
            foreach (var request in group)
            {
                request.Done.TrySetResult((request.Accepted, request.Valid.Count - request.Accepted));
            }
        }
        catch (Exception ex)
        {
            foreach (var request in group)
            {
                request.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>The request's items that do not contradict the dossier ledger (a completion before its receipt is rejected).</summary>
    private List<(RawItem Item, IocEvent Event)> Checked(Request request)
    {
        var batchReceived = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var valid = new List<(RawItem Item, IocEvent Event)>(request.Parsed.Count);
        foreach (var (item, e) in request.Parsed)
        {
            if (e is DossierCompleted completed &&
                DossierLedger.Contradiction(completed, batchReceived.TryGetValue(completed.DossierId, out var inBatch) ? inBatch : ledger.ReceivedAt(completed.DossierId)) is { } reason)
            {
                request.Rejected.Add(new ItemError(item.Index, e.Id, "completedAt", reason));
                continue;
            }

            if (e is DossierReceived received)
            {
                batchReceived[received.DossierId] = received.At;
            }

            valid.Add((item, e));
        }

        return valid;
    }

    private sealed class Request(List<(RawItem Item, IocEvent Event)> parsed, List<ItemError> rejected, CancellationToken cancellationToken)
    {
        public List<(RawItem Item, IocEvent Event)> Parsed { get; } = parsed;

        public List<ItemError> Rejected { get; } = rejected;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<(int Accepted, int Duplicates)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<(RawItem Item, IocEvent Event)> Valid { get; set; } = [];

        public int Accepted { get; set; }

        /// <summary>The dossiers this request receives or completes.</summary>
        public IEnumerable<string> Dossiers() => Parsed.Select(p => p.Event switch
        {
            DossierReceived r => r.DossierId,
            DossierCompleted c => c.DossierId,
            _ => null,
        }).OfType<string>();

        /// <summary>Whether a completion of this request names one of <paramref name="dossiers"/> (its ledger check would depend on them).</summary>
        public bool CompletesAnyOf(HashSet<string> dossiers) =>
            dossiers.Count > 0 && Parsed.Any(p => p.Event is DossierCompleted c && dossiers.Contains(c.DossierId));
    }
}
