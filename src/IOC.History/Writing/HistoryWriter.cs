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
/// the on-disk buffer together at most every <see cref="HistoryOptions.SaveMilliseconds"/> (with each unit's checkpoint),
/// and a loop writes pending rows to the store in batches, retrying with backoff (0.5 s doubling to
/// <see cref="HistoryOptions.RetryMaxSeconds"/>) while the store is down or slow. Rows are written whole under
/// their point ids, so a write that failed ambiguously (a timeout after InfluxDB stored it) is simply written again.
/// </summary>
public sealed partial class HistoryWriter : IHistorySink, IAsyncDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PingWhenIdle = TimeSpan.FromSeconds(15);
    private const int InFlightBatches = 2;

    private readonly HistoryBuffer _buffer;
    private readonly IHistoryStore _store;
    private readonly HistoryOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<string> _warn;
    private readonly List<UnitChanges> _unsaved = [];
    private readonly Queue<string> _setAside = new();
    private readonly Lock _saveLock = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private Task? _saveLoop;
    private int _disposed;
    private volatile bool _flushRequested;
    private bool _schemaReady;

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
            lock (_saveLock)
            {
                return _unsaved.Count;
            }
        }
    }

    /// <summary>Starts the loops that save handed-over changes to the buffer and write the buffer out to the store.</summary>
    public void Start()
    {
        _loop ??= Task.Run(() => RunAsync(_stop.Token));
        _saveLoop ??= Task.Run(() => SaveLoopAsync(_stop.Token));
    }

    public void Enqueue(UnitChanges changes)
    {
        lock (_saveLock)
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
            if (_unsaved.Count > 0)
            {
                SaveUnsaved();
            }
        }
    }

    /// <summary>
    /// Under the save lock. When the save fails, each unit's changes are tried alone: if some save and others do not,
    /// the others are set aside (counted, with the reason) so one bad unit never stops the history of the rest; if
    /// none saves (the disk, not the data), everything stays unsaved and the error goes to the caller.
    /// </summary>
    private void SaveUnsaved()
    {
        var now = _time.GetUtcNow();
        try
        {
            _buffer.Save(_unsaved, now);
        }
        catch (Exception whole)
        {
            var failed = new List<(UnitChanges Changes, Exception Error)>();
            foreach (var changes in _unsaved)
            {
                try
                {
                    _buffer.Save([changes], now);
                }
                catch (Exception alone)
                {
                    failed.Add((changes, alone));
                }
            }

            if (failed.Count == _unsaved.Count)
            {
                SaveError = whole.Message;
                throw;
            }

            foreach (var (changes, error) in failed)
            {
                SetAside(changes, error);
            }
        }

        var changed = _unsaved.Any(c => c.Delta is not null);
        _unsaved.Clear();
        SaveError = null;
        if (changed)
        {
            Wake();
        }
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
            // Stopping: the unsaved changes' events are after their units' saved checkpoints, so the next start replays them.
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
                _warn($"History buffer save failed ({UnsavedChanges} unit changes kept for the next save): {ex.Message}");
            }
        }
    }
}
