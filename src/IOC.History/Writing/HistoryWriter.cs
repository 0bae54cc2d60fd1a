using IOC.Grains.Publishing;
using IOC.History.Store;

namespace IOC.History.Writing;

public enum StoreState
{
    Unknown,
    Up,
    Down,
}

/// <summary>
/// Feeds the history: each publisher tick's changes are saved to the on-disk buffer (with the checkpoint), and a
/// loop writes pending rows to the store in batches, retrying with backoff (0.5 s doubling to
/// <see cref="HistoryOptions.RetryMaxSeconds"/>) while the store is down or slow. Rows are written whole under
/// their point ids, so a write that failed ambiguously (a timeout after InfluxDB stored it) is simply written again.
/// </summary>
public sealed partial class HistoryWriter : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PingWhenIdle = TimeSpan.FromSeconds(15);
    private const int InFlightBatches = 2;

    private readonly HistoryBuffer _buffer;
    private readonly IHistoryStore _store;
    private readonly HistoryOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<string> _warn;
    private readonly List<HistoryChanges> _unsaved = [];
    private readonly Lock _saveLock = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private IDisposable? _subscription;
    private Task? _loop;
    private int _suppressed;
    private volatile bool _flushRequested;
    private bool _schemaReady;
    private DateTimeOffset _lastSave = DateTimeOffset.MinValue;

    public HistoryWriter(HistoryBuffer buffer, IHistoryStore store, HistoryOptions options, TimeProvider time, Action<string>? warn = null)
    {
        _buffer = buffer;
        _store = store;
        _options = options;
        _time = time;
        _warn = warn ?? (_ => { });
    }

    public HistoryBuffer Buffer => _buffer;

    public IHistoryStore Store => _store;

    public StoreState State { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? LastWrite { get; private set; }

    public DateTimeOffset? DownSince { get; private set; }

    public long PointsWritten { get; private set; }

    /// <summary>Why the last save to the buffer failed (the disk?), or null; its ticks are saved with a later one.</summary>
    public string? SaveError { get; private set; }

    /// <summary>Ticks waiting to be saved together (at most <see cref="HistoryOptions.SaveMilliseconds"/>), or whose save failed.</summary>
    public int UnsavedTicks
    {
        get
        {
            lock (_saveLock)
            {
                return _unsaved.Count;
            }
        }
    }

    /// <summary>Saves every tick of <paramref name="publisher"/> from now on.</summary>
    public void Attach(SnapshotPublisher publisher) => _subscription = publisher.Subscribe(OnTick);

    /// <summary>Starts the loop that writes the buffer out to the store.</summary>
    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>
    /// While the result is not disposed, ticks are not saved: a restart that replays inbox events whose changes are
    /// already saved (the whole-inbox fallback) must not save them twice.
    /// </summary>
    public IDisposable Suppress()
    {
        Interlocked.Increment(ref _suppressed);
        return new Release(() => Interlocked.Decrement(ref _suppressed));
    }

    public void OnTick(SnapshotBatch batch)
    {
        if (batch.History is not { } changes || Volatile.Read(ref _suppressed) > 0)
        {
            return;
        }

        lock (_saveLock)
        {
            if (changes.IsEmpty && _unsaved.Count == 0 && changes.Cut.Equals(_buffer.Checkpoint))
            {
                return;
            }

            // Ticks are merged and saved together at most every SaveMilliseconds: a bucket's row is then rewritten
            // once a second rather than at every tick. Unsaved ticks are only in memory; a crash loses them from the
            // buffer, never from the inbox, and the checkpoint (saved with them) makes the restart replay them.
            _unsaved.Add(changes);
            if (_time.GetUtcNow() - _lastSave >= TimeSpan.FromMilliseconds(_options.SaveMilliseconds))
            {
                SaveUnsaved();
            }
        }
    }

    /// <summary>Saves the ticks waiting to be merged now (before a flush, or when stopping).</summary>
    public void SaveNow()
    {
        lock (_saveLock)
        {
            if (_unsaved.Count > 0)
            {
                SaveUnsaved();
            }
        }
    }

    /// <summary>Under the save lock. On failure the ticks stay unsaved and the error goes to the caller (the publisher logs it).</summary>
    private void SaveUnsaved()
    {
        var now = _time.GetUtcNow();
        try
        {
            _buffer.Save(_unsaved, now);
        }
        catch (Exception ex)
        {
            SaveError = ex.Message;
            throw;
        }

        var changed = _unsaved.Any(t => !t.IsEmpty);
        _unsaved.Clear();
        _lastSave = now;
        SaveError = null;
        if (changed)
        {
            Wake();
        }
    }

    /// <summary>
    /// Writes what is pending now without waiting for the pacing interval, and waits (at most
    /// <paramref name="timeout"/>) until the store has it. False when the time ran out (the store is down or slow).
    /// </summary>
    public async Task<bool> FlushAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        SaveNow();
        var pending = _buffer.PendingNow();
        if (pending.Count == 0)
        {
            return true;
        }

        var deadline = _time.GetUtcNow() + timeout;
        _flushRequested = true;
        Wake();
        while (!_buffer.Written(pending))
        {
            if (_time.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(10, cancellationToken);
        }

        return true;
    }

    /// <summary>Creates the store's schema if it can now; otherwise the first write does (the store may be down at start).</summary>
    public async Task<bool> TryEnsureSchemaAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _store.EnsureSchemaAsync(cancellationToken);
            _schemaReady = true;
            MarkUp();
            return true;
        }
        catch (HistoryStoreException ex)
        {
            MarkDown(ex);
            return false;
        }
    }

    /// <summary>Writes until nothing is pending, or for at most <paramref name="timeout"/>; used on start before a rebuild.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + timeout;
        var retry = FirstRetry;
        while (true)
        {
            try
            {
                await WriteAllAsync(cancellationToken);
                return true;
            }
            catch (HistoryStoreException ex)
            {
                MarkDown(ex);
                if (_time.GetUtcNow() + retry > deadline)
                {
                    return false;
                }

                await Task.Delay(retry, cancellationToken);
                retry = Next(retry);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        try
        {
            SaveNow();
        }
        catch (Exception ex)
        {
            // Stopping: the unsaved ticks' events are after the saved checkpoint, so the next start replays them.
            _warn($"History writer could not save its last ticks while stopping: {ex.Message}");
        }

        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
                // Stopping: what is pending stays in the buffer file for the next start.
            }
        }

        _stop.Dispose();
    }

    private void MarkUp()
    {
        State = StoreState.Up;
        DownSince = null;
        LastError = null;
    }

    private void MarkDown(HistoryStoreException ex)
    {
        if (State != StoreState.Down)
        {
            DownSince = _time.GetUtcNow();
        }

        State = StoreState.Down;
        LastError = ex.Message;
    }

    private TimeSpan Next(TimeSpan retry) => TimeSpan.FromSeconds(Math.Min(retry.TotalSeconds * 2, _options.RetryMaxSeconds));

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller woke the loop first: one wake is enough.
            }
        }
    }

    private sealed class Release(Action release) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                release();
            }
        }
    }
}
