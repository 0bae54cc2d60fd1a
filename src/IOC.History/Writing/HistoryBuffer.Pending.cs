using IOC.History.Model;

namespace IOC.History.Writing;

/// <summary>The buffer's side towards the store: taking pending rows, marking them written, dropping finished ones.</summary>
public sealed partial class HistoryBuffer
{
    /// <summary>The rows with changes not yet written, and their versions now: what a flush waits for.</summary>
    internal List<(RowKey Key, long PointId, long Version)> PendingNow()
    {
        lock (_sync)
        {
            return _dirty.SelectMany(d => d).Select(r => (r.Key, r.PointId, r.Version)).ToList();
        }
    }

    /// <summary>Whether the store has every one of these rows at least at the version given (a row gone was written).</summary>
    internal bool Written(IEnumerable<(RowKey Key, long PointId, long Version)> rows)
    {
        lock (_sync)
        {
            return rows.All(r => !_rows.TryGetValue(r.Key, out var row) || row.PointId != r.PointId || row.Shipped >= r.Version);
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> rows with changes the store has not got, as they are now, all of one resolution
    /// (the one with most pending) and none being written already. They stay in flight until marked written or released.
    /// </summary>
    internal List<ShipItem> TakePending(int max)
    {
        lock (_sync)
        {
            var items = new List<ShipItem>(Math.Min(max, 4096));
            foreach (var dirty in _dirty.OrderByDescending(d => d.Count))
            {
                foreach (var row in dirty)
                {
                    if (items.Count == max)
                    {
                        break;
                    }

                    if (_inFlight.Add(row.PointId))
                    {
                        items.Add(new ShipItem(row, row.Values, row.Version));
                    }
                }

                if (items.Count > 0)
                {
                    break;
                }
            }

            return items;
        }
    }

    /// <summary>Every pending row as it is now, without taking it (for inspection: tests, benchmarks).</summary>
    internal List<ShipItem> PeekPending()
    {
        lock (_sync)
        {
            return _dirty.SelectMany(d => d).Select(r => new ShipItem(r, r.Values, r.Version)).ToList();
        }
    }

    /// <summary>A write of these rows failed: they may be taken again.</summary>
    internal void Release(IReadOnlyList<ShipItem> items)
    {
        lock (_sync)
        {
            foreach (var item in items)
            {
                _inFlight.Remove(item.Row.PointId);
            }
        }
    }

    /// <summary>
    /// The store has these rows at these versions (a row changed since stays pending). Kept in memory only: the file
    /// learns it when the row is pruned, so after a crash a few rows are written again, which is harmless (same ids).
    /// </summary>
    internal void MarkShipped(IReadOnlyList<ShipItem> items, int expired = 0)
    {
        lock (_sync)
        {
            foreach (var item in items)
            {
                _inFlight.Remove(item.Row.PointId);

                // A save may have replaced the row by a grown copy meanwhile (same point id): that copy is what counts.
                var row = _rows.TryGetValue(item.Row.Key, out var current) && current.PointId == item.Row.PointId ? current : item.Row;
                row.Shipped = Math.Max(row.Shipped, item.Version);
                if (!row.Dirty)
                {
                    Dirty(row).Remove(row);
                }
            }


            ExpiredPoints += expired;
        }
    }

    /// <summary>The store refuses this point as data: it leaves the rows (kept aside in the file) so the rest can go on.</summary>
    internal void Reject(ShipItem item, string reason)
    {
        lock (_sync)
        {
            _file.Reject(item.Row.PointId, reason);
            _inFlight.Remove(item.Row.PointId);
            if (_rows.Remove(item.Row.Key, out var row))
            {
                Dirty(row).Remove(row);
                _minuteRows -= row.Key.Resolution == Resolution.Minute ? 1 : 0;
            }

            RejectedPoints++;
        }
    }

    /// <summary>Whether the store still keeps this row's bucket (a row that waited out its retention is dropped).</summary>
    internal bool Keeps(ShipItem item, DateTimeOffset now) =>
        _retention.Keeps(item.Row.Key.Resolution, item.Row.Key.BucketMs, now.ToUnixTimeMilliseconds());

    /// <summary>Drops rows that are written and whose bucket ended (plus a grace) before <paramref name="now"/>.</summary>
    public int Prune(DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        lock (_sync)
        {
            var done = _rows.Values
                .Where(r => !r.Dirty && r.Key.BucketMs + (long)(r.Key.Resolution.Size() + Grace).TotalMilliseconds < nowMs)
                .ToList();
            if (done.Count == 0)
            {
                return 0;
            }

            _file.Delete(done.Select(r => r.PointId));
            foreach (var row in done)
            {
                _rows.Remove(row.Key);
                _minuteRows -= row.Key.Resolution == Resolution.Minute ? 1 : 0;
            }

            return done.Count;
        }
    }
}
