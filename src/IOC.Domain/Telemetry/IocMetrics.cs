using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IOC.Domain.Telemetry;

/// <summary>
/// IOC's own metrics and trace source, defined in one place (System.Diagnostics only: no exporter, no I/O, so the grains
/// may use it). With nobody listening (telemetry off, the default) recording costs a field check. Names follow the
/// OpenTelemetry conventions; Prometheus shows them as <c>ioc_ingest_events_total</c>, <c>ioc_ingest_batch_size</c>...
/// Instruments whose values live elsewhere are observed through callbacks registered once by the host.
/// </summary>
public sealed class IocMetrics : IDisposable
{
    public const string MeterName = "IOC";

    /// <summary>Spans of IOC's own work (history store calls); ASP.NET Core and HttpClient bring theirs.</summary>
    public static readonly ActivitySource Activities = new(MeterName);

    private readonly Meter _meter;

    public IocMetrics(IMeterFactory factory)
    {
        _meter = factory.Create(MeterName);
        BatchSize = _meter.CreateHistogram<int>(
            "ioc.ingest.batch.size", "{event}", "Events per batch posted to /api/v1/events (accepted, duplicate and rejected).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 10, 100, 500, 1_000, 2_500, 5_000, 10_000] });
        FoldDuration = _meter.CreateHistogram<double>(
            "ioc.grains.fold.duration", "s", "Time a grain takes to fold one batch of events into its counters.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00001, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1] });
        StoreDuration = _meter.CreateHistogram<double>(
            "ioc.history.store.duration", "s", "Time a history store call takes (tags ioc.store and ioc.operation: write, query, ping).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10] });
    }

    /// <summary>Events per batch; record once per answered batch.</summary>
    public Histogram<int> BatchSize { get; }

    /// <summary>
    /// For the grains (the lead's Orleans rewrite): record the elapsed seconds of each batch fold, tagged with the
    /// grain kind, e.g. <c>metrics.FoldDuration.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, new("ioc.grain", "ward"))</c>.
    /// </summary>
    public Histogram<double> FoldDuration { get; }

    public Histogram<double> StoreDuration { get; }

    /// <summary><c>ioc.ingest.events</c>: events stored, duplicates and rejections since start (tag ioc.outcome), read when scraped.</summary>
    public void ObserveIngestion(Func<(long Accepted, long Duplicates, long Rejected)> read) =>
        _meter.CreateObservableCounter("ioc.ingest.events", () =>
        {
            var (accepted, duplicates, rejected) = read();
            return new[]
            {
                new Measurement<long>(accepted, new KeyValuePair<string, object?>("ioc.outcome", "accepted")),
                new Measurement<long>(duplicates, new KeyValuePair<string, object?>("ioc.outcome", "duplicate")),
                new Measurement<long>(rejected, new KeyValuePair<string, object?>("ioc.outcome", "rejected")),
            };
        }, "{event}", "Events posted, replayed or simulated, by outcome.");

    /// <summary><c>ioc.hub.connections</c> (connected now) and <c>ioc.hub.clients.dropped</c> (aborted as stuck or failing).</summary>
    public void ObserveHub(Func<int> connections, Func<long> dropped)
    {
        _meter.CreateObservableUpDownCounter("ioc.hub.connections", connections, "{connection}", "Connections to /hubs/kpi now.");
        _meter.CreateObservableCounter("ioc.hub.clients.dropped", dropped, "{connection}", "Hub connections aborted because they did not read in time or a send failed.");
    }

    /// <summary><c>ioc.history.buffer.points</c>: points waiting in the on-disk buffer for the history store.</summary>
    public void ObserveHistoryBuffer(Func<long> points) =>
        _meter.CreateObservableUpDownCounter("ioc.history.buffer.points", points, "{point}", "History points buffered on disk, not yet in the store.");

    public void Dispose() => _meter.Dispose();
}
