using IOC.History.Model;
using IOC.History.Store;

namespace IOC.History.Tests.Writing;

/// <summary>
/// An in-memory store with InfluxDB's semantics (a point with the same key replaces the earlier one) and switchable
/// failures: down (nothing stored), ambiguous (stored, then an error), refusing some points as data.
/// </summary>
internal sealed class FakeStore : IHistoryStore
{
    private readonly Dictionary<(Measurement, Resolution, SeriesKey, long Bucket, long Point), long[]> _points = new();

    public bool Down { get; set; }

    /// <summary>Store the batch, then fail as a timeout would: the caller cannot know it landed.</summary>
    public bool StoreThenFail { get; set; }

    public Func<HistoryPoint, bool> Refuse { get; set; } = _ => false;

    public int Writes { get; private set; }

    public int PointsReceived { get; private set; }

    public string Kind => "fake";

    public string Location => "memory";

    public int Count
    {
        get
        {
            lock (_points)
            {
                return _points.Count;
            }
        }
    }

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => Down ? throw Unreachable() : Task.CompletedTask;

    public Task PingAsync(CancellationToken cancellationToken) => Down ? throw Unreachable() : Task.CompletedTask;

    public Task WriteAsync(IReadOnlyList<HistoryPoint> points, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw Unreachable();
        }

        if (points.FirstOrDefault(Refuse) is { } refused)
        {
            throw new HistoryStoreException($"refused {refused.Series}", rejected: true);
        }

        lock (_points)
        {
            Writes++;
            PointsReceived += points.Count;
            foreach (var p in points)
            {
                _points[(p.Measurement, p.Resolution, p.Series, p.BucketMs, p.PointId)] = p.Values;
            }
        }

        return StoreThenFail ? throw new HistoryStoreException("timed out (but stored)") : Task.CompletedTask;
    }

    public Task<IReadOnlyList<IReadOnlyList<HistoryRow>>> QueryAsync(IReadOnlyList<HistoryQuery> queries, CancellationToken cancellationToken)
    {
        lock (_points)
        {
            var answers = queries.Select(q => (IReadOnlyList<HistoryRow>)_points
                .Where(p => p.Key.Item1 == q.Measurement && p.Key.Item2 == q.Resolution && p.Key.Bucket >= q.FromMs && p.Key.Bucket < q.ToMs
                    && (q.Unit is null || p.Key.Item3.Unit == q.Unit))
                .GroupBy(p => (Series: p.Key.Item3, Start: q.Group is { } g ? Resolutions.Floor(p.Key.Bucket, g) : q.FromMs))
                .Select(g => new HistoryRow(g.Key.Series, g.Key.Start, Enumerable.Range(0, q.Measurement.Fields.Count).Select(i => g.Sum(p => p.Value[i])).ToArray()))
                .OrderBy(r => r.StartMs)
                .ToList()).ToList();
            return Task.FromResult<IReadOnlyList<IReadOnlyList<HistoryRow>>>(answers);
        }
    }

    /// <summary>The sum of one field over every point of a measurement and resolution.</summary>
    public long Sum(Measurement measurement, Resolution resolution, string field, string? unit = null)
    {
        var index = measurement.Fields.ToList().IndexOf(field);
        lock (_points)
        {
            return _points.Where(p => p.Key.Item1 == measurement && p.Key.Item2 == resolution && (unit is null || p.Key.Item3.Unit.Code == unit))
                .Sum(p => p.Value[index]);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static HistoryStoreException Unreachable() => new("store is down");
}
