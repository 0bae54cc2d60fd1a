using IOC.History.Store;

namespace IOC.History.Writing;

/// <summary>The write loop: pending rows to the store in batches, two in flight, retried with backoff.</summary>
public sealed partial class HistoryWriter
{
    private async Task RunAsync(HistoryBuffer buffer, CancellationToken stop)
    {
        var retry = FirstRetry;
        var lastWrite = DateTimeOffset.MinValue;
        while (!stop.IsCancellationRequested)
        {
            if (buffer.Pending == 0)
            {
                buffer.Prune(_time.GetUtcNow());
                if (!await _wake.WaitAsync(PingWhenIdle, stop) && buffer.Pending == 0)
                {
                    await PingAsync(stop);
                    continue;
                }
            }

            // While the store keeps up, write at most once per FlushMilliseconds: fewer, larger writes.
            TimeSpan pace;
            while (!_flushRequested && (pace = lastWrite + TimeSpan.FromMilliseconds(_options.FlushMilliseconds) - _time.GetUtcNow()) > TimeSpan.Zero)
            {
                await _wake.WaitAsync(pace, stop);
            }

            _flushRequested = false;
            lastWrite = _time.GetUtcNow();
            try
            {
                await WriteAllAsync(buffer, stop);
                retry = FirstRetry;
            }
            catch (HistoryStoreException ex)
            {
                MarkDown(ex);
                _warn($"History store {_store.Kind} at {_store.Location} failed ({buffer.Pending} rows buffered); retrying in {retry.TotalSeconds:0.#} s: {ex.Message}");
                await Task.Delay(retry, stop);
                retry = Next(retry);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Not the store: the buffer file or a bug. The rows stay pending; say so and try again later.
                LastError = ex.Message;
                _warn($"History writer failed ({buffer.Pending} rows buffered); retrying in {retry.TotalSeconds:0.#} s: {ex}");
                await Task.Delay(retry, stop);
                retry = Next(retry);
            }
        }
    }

    /// <summary>
    /// Writes batches until nothing is pending; throws on the first failure (what was written stays written). Two
    /// batches are in flight at once, so the next batch is formatted while InfluxDB stores the previous one.
    /// </summary>
    private async Task WriteAllAsync(HistoryBuffer buffer, CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await _store.EnsureSchemaAsync(cancellationToken);
            _schemaReady = true;
        }

        var running = new List<Task>(InFlightBatches);
        try
        {
            while (true)
            {
                var items = buffer.TakePending(_options.BatchSize);
                if (items.Count > 0)
                {
                    running.Add(WriteBatchAsync(buffer, items, cancellationToken));
                }

                if (running.Count == 0)
                {
                    MarkUp();
                    return;
                }

                if (items.Count == 0 || running.Count == InFlightBatches)
                {
                    var done = await Task.WhenAny(running);
                    running.Remove(done);
                    await done;
                }
            }
        }
        finally
        {
            // A failure leaves the other batch to finish (or fail) before the caller retries.
            await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    private async Task WriteBatchAsync(HistoryBuffer buffer, List<ShipItem> items, CancellationToken cancellationToken)
    {
        try
        {
            var now = _time.GetUtcNow();
            var expired = items.Where(i => !buffer.Keeps(i, now)).ToList();
            var kept = expired.Count == 0 ? items : items.Except(expired).ToList();
            if (expired.Count > 0)
            {
                buffer.MarkShipped(expired, expired.Count);
            }

            await WriteAsync(buffer, kept, cancellationToken);
            buffer.MarkShipped(kept);
            lock (_queueLock)
            {
                PointsWritten += kept.Count;
            }

            LastWrite = _time.GetUtcNow();
            MarkUp();
        }
        catch (Exception)
        {
            buffer.Release(items);
            throw;
        }
    }

    /// <summary>A batch the store refuses as data is halved until the refused points are alone; those are set aside.</summary>
    private async Task WriteAsync(HistoryBuffer buffer, List<ShipItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }

        try
        {
            await _store.WriteAsync(items.ConvertAll(i => i.ToPoint()), cancellationToken);
        }
        catch (HistoryStoreException ex) when (ex.Rejected)
        {
            if (items.Count == 1)
            {
                buffer.Reject(items[0], ex.Message);
                _warn($"History store refused a point ({items[0].Row.Key}); set aside in {buffer.Path}: {ex.Message}");
                return;
            }

            var half = items.Count / 2;
            await WriteAsync(buffer, items[..half], cancellationToken);
            await WriteAsync(buffer, items[half..], cancellationToken);
        }
    }

    /// <summary>A shared ledger has nothing to write out: the store is pinged every 15 s, so /health follows it while nothing is saved.</summary>
    private async Task PingLoopAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(PingWhenIdle, _time);
        do
        {
            if (LastWrite is not { } last || _time.GetUtcNow() - last >= PingWhenIdle || State != StoreState.Up)
            {
                await PingAsync(stop);
            }
        }
        while (await timer.WaitForNextTickAsync(stop));
    }

    private async Task PingAsync(CancellationToken stop)
    {
        try
        {
            await _store.PingAsync(stop);
            MarkUp();
        }
        catch (HistoryStoreException ex)
        {
            MarkDown(ex);
        }
    }
}
