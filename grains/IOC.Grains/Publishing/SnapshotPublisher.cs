using IOC.Domain.Kpis;
using IOC.Grains.Grains;
using IOC.Grains.Routing;
using IOC.Grains.State;

namespace IOC.Grains.Publishing;

/// <summary>What one tick published: only the grains whose figures changed (the city included when it did).</summary>
/// <param name="History">What the grains folded since the last tick, for the history writer.</param>
public sealed record SnapshotBatch(DateTimeOffset AsOf, IReadOnlyList<GrainSnapshot> Changed, HistoryChanges? History = null);

/// <summary>
/// Per-minute changes of every unit (the city's merged from the shares it counts) and the open items that opened
/// or closed, since the last tick; <see cref="Cut"/> says exactly which inbox events they include.
/// </summary>
public sealed record HistoryChanges(FoldCut Cut, IReadOnlyList<GrainChanges> Units)
{
    public bool IsEmpty => Units.Count == 0;
}

/// <summary>
/// Every tick (~250 ms): collects changed grains from the shards, merges the ward deltas into the city,
/// stores the snapshots and tells subscribers. A burst of events becomes one publication per tick.
/// </summary>
public sealed class SnapshotPublisher
{
    private readonly GrainRouter _router;
    private readonly TimeProvider _time;
    private readonly CityGrain _city = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<Action<SnapshotBatch>> _subscribers = [];
    private long _requested;
    private long _completed;
    private long _lastMinute = long.MinValue;

    public SnapshotPublisher(GrainRouter router, TimeProvider time)
    {
        _router = router;
        _time = time;
    }

    public SnapshotStore Store { get; } = new();

    public CityGrain City => _city;

    public long Ticks { get; private set; }

    /// <summary>Called when a subscriber throws; the publisher goes on with the others.</summary>
    public Action<Exception>? OnSubscriberError { get; set; }

    /// <summary>Puts back the city as the history store held it before a restart (before the first tick).</summary>
    public async Task RestoreCityAsync(RestoredState state, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _city.Restore(state);
        }
        finally
        {
            _gate.Release();
        }
    }

    public IDisposable Subscribe(Action<SnapshotBatch> subscriber)
    {
        lock (_subscribers)
        {
            _subscribers.Add(subscriber);
        }

        return new Unsubscriber(this, subscriber);
    }

    /// <summary>
    /// Publishes everything queued before this call. Concurrent callers share one tick: a caller whose request
    /// came in before a tick started is served by that tick.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var ticket = Interlocked.Increment(ref _requested);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Interlocked.Read(ref _completed) >= ticket)
            {
                return;
            }

            var upTo = Interlocked.Read(ref _requested);
            await TickAsync(cancellationToken);
            Interlocked.Exchange(ref _completed, upTo);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var minute = Domain.Time.VietnamTime.MinuteKey(now);

        // When the clock enters a new minute, rolling windows and overdue gauges move without any event.
        var everything = minute != _lastMinute;
        _lastMinute = minute;

        var collection = await _router.CollectAsync(now, everything, cancellationToken);
        var changed = new List<GrainSnapshot>();
        var cityGauges = default(Gauges);
        var cityDelta = new GrainDelta();
        var history = new List<GrainChanges>();
        foreach (var report in collection.Reports)
        {
            foreach (var delta in report.CityDeltas)
            {
                _city.Merge(delta.Counters);
                cityDelta.Add(delta);
            }

            cityGauges += report.CityGauges;
            changed.AddRange(report.Changed);
            history.AddRange(report.History);
        }

        if (!cityDelta.IsEmpty)
        {
            history.Add(new GrainChanges(_city.Key, cityDelta, null));
        }

        var previousCity = _city.LastSnapshot;
        var city = _city.Snapshot(now, cityGauges);
        var cityMoved = !city.SameFiguresAs(previousCity);
        if (cityMoved)
        {
            changed.Add(city);
        }

        // The wallboard's trend of today; recomputed only when the city moved (or the minute turned).
        var cityToday = cityMoved || everything ? _city.TodayByFiveMinutes(now) : Store.CityToday;

        Store.Publish(now, city, cityToday, changed);
        Ticks++;
        Notify(new SnapshotBatch(now, changed, new HistoryChanges(collection.Cut, history)));
    }

    private void Notify(SnapshotBatch batch)
    {
        Action<SnapshotBatch>[] subscribers;
        lock (_subscribers)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            try
            {
                subscriber(batch);
            }
            catch (Exception ex)
            {
                OnSubscriberError?.Invoke(ex);
            }
        }
    }

    private sealed class Unsubscriber(SnapshotPublisher publisher, Action<SnapshotBatch> subscriber) : IDisposable
    {
        public void Dispose()
        {
            lock (publisher._subscribers)
            {
                publisher._subscribers.Remove(subscriber);
            }
        }
    }
}
