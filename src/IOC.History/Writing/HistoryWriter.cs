using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.Grains.Ports;
using IOC.History.Store;

namespace IOC.History.Writing;

public enum StoreState
{
    Unknown,
    Up,
    Down,
}

/// <summary>
/// Feeds the history of the grains of this silo: the changes they hand over (<see cref="IHistorySink"/>) are saved to
/// the ledger together at most every <see cref="HistoryOptions.SaveMilliseconds"/> (with each unit's checkpoint).
/// With this node's buffer file as the ledger, a loop writes pending rows to the store in batches, retrying with backoff
/// (0.5 s doubling to <see cref="HistoryOptions.RetryMaxSeconds"/>) while the store is down or slow; rows are written
/// whole under their point ids, so a write that failed ambiguously (a timeout after InfluxDB stored it) is simply
/// written again. With the shared PostgreSQL store as the ledger, the save is the write: there is no loop, only a ping
/// while nothing is saved, and a failed save keeps the changes in memory for the next one.
/// </summary>
public sealed partial class HistoryWriter : IHistorySink, IAsyncDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PingWhenIdle = TimeSpan.FromSeconds(15);
    private const int InFlightBatches = 2;

    private readonly IHistoryLedger _ledger;

    // This node's buffer file (the write loop's source); null when the ledger is the shared store itself.
    private readonly HistoryBuffer? _buffer;
    private readonly IHistoryStore _store;
    private readonly HistoryOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<string> _warn;
    private readonly List<UnitChanges> _unsaved = [];
    private readonly Queue<string> _setAside = new();
    // _saveLock: one save at a time (held through the save's I/O); _queueLock: the unsaved list (never held during I/O,
    // so a grain handing over its changes never waits for a slow or unreachable store).
    private readonly Lock _saveLock = new();
    private readonly Lock _queueLock = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private Task? _saveLoop;
    private int _disposed;
    private volatile bool _flushRequested;
    private bool _schemaReady;

    /// <param name="ledger">This node's <see cref="HistoryBuffer"/>, or the shared store (<see cref="IHistoryLedger.Shared"/>) that <paramref name="store"/> reads.</param>
    public HistoryWriter(IHistoryLedger ledger, IHistoryStore store, HistoryOptions options, TimeProvider time, Action<string>? warn = null)
    {
        _ledger = ledger;
        _buffer = ledger as HistoryBuffer;
        _store = store;
        _options = options;
        _time = time;
        _warn = warn ?? (_ => { });
    }

    /// <summary>This node's buffer file; null when the ledger is the shared store (nothing is buffered on disk).</summary>
    public HistoryBuffer? Buffer => _buffer;

    /// <summary>Where saves go and checkpoints are read: the buffer file, or the shared store.</summary>
    public IHistoryLedger Ledger => _ledger;

    public IHistoryStore Store => _store;

    public StoreState State { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? LastWrite { get; private set; }

    public DateTimeOffset? DownSince { get; private set; }

    public long PointsWritten { get; private set; }

    /// <summary>Units' changes the buffer refused alone (while others saved), and why: never retried, shown on /health.</summary>
    public long SetAsideCount { get; private set; }

    public IReadOnlyList<string> SetAsideReasons
    {
        get
        {
            lock (_setAside)
            {
                return [.. _setAside];
            }
        }
    }

    /// <summary>Why the last save to the buffer failed (the disk?), or null; its changes are saved with a later one.</summary>
    public string? SaveError { get; private set; }

    /// <summary>Units' changes waiting to be saved together (at most <see cref="HistoryOptions.SaveMilliseconds"/>), or whose save failed.</summary>
    public int UnsavedChanges
    {
        get
        {
            lock (_queueLock)
            {
                return _unsaved.Count;
            }
        }
    }

    /// <summary>
    /// Starts the loops that save handed-over changes and write the buffer out to the store (a shared ledger: that
    /// pings the store while idle, so /health knows it is down even when nothing is saved).
    /// </summary>
    public void Start()
    {
        _loop ??= Task.Run(() => _buffer is null ? PingLoopAsync(_stop.Token) : RunAsync(_buffer, _stop.Token));
        _saveLoop ??= Task.Run(() => SaveLoopAsync(_stop.Token));
    }

    public void Enqueue(UnitChanges changes)
    {
        lock (_queueLock)
        {
            // Only in memory until the next save; a crash loses them from the buffer, never from the inbox, and the
            // unit's checkpoint (saved with them) makes its next activation replay their events.
            _unsaved.Add(changes);
        }
    }

    public Task SaveAsync(CancellationToken cancellationToken)
    {
        SaveNow();
        return Task.CompletedTask;
    }

    /// <summary>Saves the changes waiting to be merged now (before a flush, or when stopping).</summary>
    public void SaveNow()
    {
        lock (_saveLock)
        {
            List<UnitChanges> batch;
            lock (_queueLock)
            {
                if (_unsaved.Count == 0)
                {
                    return;
                }

                batch = [.. _unsaved];
            }

            var kept = SaveBatch(batch);

            // Saved, set aside or kept for the next save: only a save takes from the front of the list (Forget waits for it).
            lock (_queueLock)
            {
                _unsaved.RemoveRange(0, batch.Count);
                _unsaved.InsertRange(0, kept);
            }
        }
    }

    /// <summary>
    /// A unit activating (here, or on another node after its deactivation failed to save) replays its inbox events after
    /// its saved checkpoint: changes of its earlier activation still unsaved here must never be saved after that.
    /// </summary>
    public void Forget(UnitKey key)
    {
        lock (_saveLock)
        {
            lock (_queueLock)
            {
                _unsaved.RemoveAll(c => c.Key == key);
            }
        }
    }

    /// <summary>
    /// Under the save lock. When the save fails, each unit's changes are tried alone: if some save and others do not,
    /// the others are set aside (counted, with the reason) so one bad unit never stops the history of the rest; if
    /// none saves (the disk, not the data), everything stays unsaved and the error goes to the caller. A shared store that
    /// is down is not tried unit by unit, and a unit whose save alone finds it down is kept for the next save, never set
    /// aside. Returns the changes to keep for the next save.
    /// </summary>
    private List<UnitChanges> SaveBatch(List<UnitChanges> batch)
    {
        var now = _time.GetUtcNow();
        var rows = 0;
        var kept = new List<UnitChanges>();
        try
        {
            rows = _ledger.Save(batch, now);
        }
        catch (HistoryStoreException down) when (!down.Rejected)
        {
            SaveError = down.Message;
            MarkDown(down);
            throw;
        }
        catch (Exception whole)
        {
            var failed = new List<(UnitChanges Changes, Exception Error)>();
            foreach (var changes in batch)
            {
                try
                {
                    rows += _ledger.Save([changes], now);
                }
                catch (HistoryStoreException down) when (!down.Rejected)
                {
                    MarkDown(down);
                    kept.Add(changes);
                }
                catch (Exception alone)
                {
                    failed.Add((changes, alone));
                }
            }

            if (failed.Count + kept.Count == batch.Count)
            {
                SaveError = whole.Message;
                throw;
            }

            foreach (var (changes, error) in failed)
            {
                SetAside(changes, error);
            }

        }

        SaveError = kept.Count > 0 ? LastError : null;
        if (_buffer is null)
        {
            // The save was the write.
            lock (_queueLock)
            {
                PointsWritten += rows;
            }

            LastWrite = _time.GetUtcNow();
            if (kept.Count == 0)
            {
                MarkUp();
            }
        }
        else if (batch.Any(c => c.Delta is not null))
        {
            Wake();
        }

        return kept;
    }

    private void SetAside(UnitChanges changes, Exception error)
    {
        lock (_setAside)
        {
            SetAsideCount++;
            _setAside.Enqueue($"{changes.Key} (cut {changes.Cut}): {error.Message}");
            if (_setAside.Count > 20)
            {
                _setAside.Dequeue();
            }
        }

        _warn($"History changes of {changes.Key} set aside: the buffer refused them alone ({error.Message}); the other units' changes were saved");
    }

    /// <summary>
    /// Writes what is pending now without waiting for the pacing interval, and waits (at most
    /// <paramref name="timeout"/>) until the store has it. False when the time ran out (the store is down or slow).
    /// </summary>
    public async Task<bool> FlushAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        SaveNow();
        if (_buffer is null)
        {
            return true;
        }

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
        if (_buffer is null)
        {
            return await TryEnsureSchemaAsync(cancellationToken);
        }

        var deadline = _time.GetUtcNow() + timeout;
        var retry = FirstRetry;
        while (true)
        {
            try
            {
                await WriteAllAsync(_buffer, cancellationToken);
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
        // Registered as itself and as the grains' history sink: the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        foreach (var loop in new[] { _saveLoop, _loop })
        {
            try
            {
                await (loop ?? Task.CompletedTask);
            }
            catch (OperationCanceledException)
            {
                // Stopping: what is pending stays in the buffer file for the next start.
            }
        }

        try
        {
            SaveNow();
        }
        catch (Exception ex)
        {
            // Stopping: the unsaved changes' events are after their units' saved checkpoints, so the next activation replays them.
            _warn($"History writer could not save its last changes while stopping: {ex.Message}");
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

    /// <summary>
    /// Saves what the grains handed over every <see cref="HistoryOptions.SaveMilliseconds"/>: a bucket's row is then
    /// rewritten about once a second rather than at every grain tick. A failed save keeps the changes for the next one.
    /// </summary>
    private async Task SaveLoopAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(10, _options.SaveMilliseconds)), _time);
        while (await timer.WaitForNextTickAsync(stop))
        {
            try
            {
                SaveNow();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _warn($"History save failed ({UnsavedChanges} unit changes kept for the next save): {ex.Message}");
            }
        }
    }
}
