using IOC.History.Store;

namespace IOC.History.Writing;

/// <summary>The write loop: pending rows to the store in batches, two in flight, retried with backoff.</summary>
public sealed partial class HistoryWriter
{
    private async Task RunAsync(CancellationToken stop)
    {
        var retry = FirstRetry;
        var lastWrite = DateTimeOffset.MinValue;
        while (!stop.IsCancellationRequested)
        {
            if (_buffer.Pending == 0)
            {
                _buffer.Prune(_time.GetUtcNow());
                if (!await _wake.WaitAsync(PingWhenIdle, stop) && _buffer.Pending == 0)
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
                await WriteAllAsync(stop);
                retry = FirstRetry;
            }
            catch (HistoryStoreException ex)
            {
                MarkDown(ex);
                _warn($"History store {_store.Kind} at {_store.Location} failed ({_buffer.Pending} rows buffered); retrying in {retry.TotalSeconds:0.#} s: {ex.Message}");
                await Task.Delay(retry, stop);
                retry = Next(retry);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Not the store: the buffer file or a bug. The rows stay pending; say so and try again later.
                LastError = ex.Message;
                _warn($"History writer failed ({_buffer.Pending} rows buffered); retrying in {retry.TotalSeconds:0.#} s: {ex}");
                await Task.Delay(retry, stop);
                retry = Next(retry);
            }
        }
    }

    /// <summary>
    /// Writes batches until nothing is pending; throws on the first failure (what was written stays written). Two
    /// batches are in flight at once, so the next batch is formatted while InfluxDB stores the previous one.
    /// </summary>
    private async Task WriteAllAsync(CancellationToken cancellationToken)
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
                var items = _buffer.TakePending(_options.BatchSize);
                if (items.Count > 0)
                {
                    running.Add(WriteBatchAsync(items, cancellationToken));
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

    private async Task WriteBatchAsync(List<ShipItem> items, CancellationToken cancellationToken)
    {
        try
        {
            var now = _time.GetUtcNow();
            var expired = items.Where(i => !_buffer.Keeps(i, now)).ToList();
            var kept = expired.Count == 0 ? items : items.Except(expired).ToList();
            if (expired.Count > 0)
            {
                _buffer.MarkShipped(expired, expired.Count);
            }

            await WriteAsync(kept, cancellationToken);
            _buffer.MarkShipped(kept);
            lock (_saveLock)
            {
                PointsWritten += kept.Count;
            }

            LastWrite = _time.GetUtcNow();
            MarkUp();
        }
        catch (Exception)
        {
            _buffer.Release(items);
            throw;
        }
    }

    /// <summary>A batch the store refuses as data is halved until the refused points are alone; those are set aside.</summary>
    private async Task WriteAsync(List<ShipItem> items, CancellationToken cancellationToken)
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
                _buffer.Reject(items[0], ex.Message);
                _warn($"History store refused a point ({items[0].Row.Key}); set aside in {_buffer.Path}: {ex.Message}");
                return;
            }

            var half = items.Count / 2;
            await WriteAsync(items[..half], cancellationToken);
            await WriteAsync(items[half..], cancellationToken);
        }
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
