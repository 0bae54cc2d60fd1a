namespace IOC.Live.Hub;

/// <summary>Writes one hub message (method, arguments) to one connection.</summary>
public delegate Task HubSend(string method, object?[] args, CancellationToken cancellationToken);

/// <summary>
/// One connection's delivery: at most one send in flight, and per group at most one pending message (a snapshot
/// not yet sent, or the merge of every update since the last send, latest value wins). Whatever the client does,
/// what waits here is bounded by the groups it holds (a finite set) times a group's size, and the publishing loop
/// only posts here: it never awaits a client.
/// </summary>
public sealed class ConnectionOutbox(string connectionId, HubSend send, TimeProvider time)
{
    public const string SnapshotMethod = "snapshot";
    public const string UpdateMethod = "update";

    private readonly Lock _lock = new();
    private readonly OrderedDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closed = new();
    private long _sendingSince;
    private long _sent;
    private bool _pumping;

    public string ConnectionId => connectionId;

    /// <summary>Called once when a send throws (the connection is broken); the outbox is closed by then.</summary>
    public Action<ConnectionOutbox, Exception>? OnSendFailed { get; init; }

    public int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    public long SentCount => Interlocked.Read(ref _sent);

    /// <summary>How long the send in flight has been waiting for the client; null when none is.</summary>
    public TimeSpan? SendingFor => Volatile.Read(ref _sendingSince) is var since and not 0 ? time.GetElapsedTime(since) : null;

    /// <summary>Queues a group's snapshot ahead of its updates; the task completes once it is written.</summary>
    public Task PostSnapshot(string group, object snapshot)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_closed.IsCancellationRequested)
            {
                return Task.FromCanceled(_closed.Token);
            }

            _pending.Remove(group, out var replaced);
            replaced?.Written?.TrySetCanceled();
            _pending.Add(group, new Pending(SnapshotMethod, snapshot, written));
        }

        Kick();
        return written.Task;
    }

    /// <summary>Queues an update, merged into whatever this group still has pending.</summary>
    public void Post(IGroupUpdate update)
    {
        lock (_lock)
        {
            if (_closed.IsCancellationRequested)
            {
                return;
            }

            if (_pending.TryGetValue(update.Group, out var pending))
            {
                pending.Payload = pending.Method == SnapshotMethod ? update.ApplyTo(pending.Payload) : ((IGroupUpdate)pending.Payload).Merge(update);
            }
            else
            {
                _pending.Add(update.Group, new Pending(UpdateMethod, update, null));
            }
        }

        Kick();
    }

    /// <summary>Forgets what a group still had pending (the client unsubscribed).</summary>
    public void Drop(string group)
    {
        lock (_lock)
        {
            if (_pending.Remove(group, out var dropped))
            {
                dropped.Written?.TrySetCanceled();
            }
        }
    }

    /// <summary>Stops delivery for good: pending messages are dropped and the send in flight is cancelled.</summary>
    public void Close()
    {
        lock (_lock)
        {
            if (_closed.IsCancellationRequested)
            {
                return;
            }

            _closed.Cancel();
            foreach (var pending in _pending.Values)
            {
                pending.Written?.TrySetCanceled();
            }

            _pending.Clear();
        }
    }

    private void Kick()
    {
        lock (_lock)
        {
            if (_pumping || _closed.IsCancellationRequested)
            {
                return;
            }

            _pumping = true;
        }

        // The pump runs on the thread pool: the caller (the publishing loop) goes on at once.
        ThreadPool.UnsafeQueueUserWorkItem(static outbox => _ = outbox.PumpAsync(), this, preferLocal: false);
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            string group;
            Pending next;
            lock (_lock)
            {
                if (_pending.Count == 0 || _closed.IsCancellationRequested)
                {
                    _pumping = false;
                    Volatile.Write(ref _sendingSince, 0);
                    return;
                }

                (group, next) = _pending.GetAt(0);
                _pending.RemoveAt(0);
                Volatile.Write(ref _sendingSince, time.GetTimestamp());
            }

            try
            {
                await send(next.Method, [group, next.Payload], _closed.Token);
                Interlocked.Increment(ref _sent);
                next.Written?.TrySetResult();
            }
            catch (Exception ex)
            {
                next.Written?.TrySetCanceled();
                var failed = !_closed.IsCancellationRequested;
                Close();
                lock (_lock)
                {
                    _pumping = false;
                    Volatile.Write(ref _sendingSince, 0);
                }

                if (failed)
                {
                    OnSendFailed?.Invoke(this, ex);
                }

                return;
            }
        }
    }

    private sealed class Pending(string method, object payload, TaskCompletionSource? written)
    {
        public string Method { get; } = method;

        public object Payload { get; set; } = payload;

        public TaskCompletionSource? Written { get; } = written;
    }
}
