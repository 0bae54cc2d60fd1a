using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace IOC.Web.Tests.Telemetry;

/// <summary>Telemetry through the app: off by default, a Prometheus scrape when asked, OTLP to a collector when configured.</summary>
/// <remarks>
/// Alone, because the OpenTelemetry SDK listens to every meter named "IOC" in the process: another test's host running
/// at the same time registers the same instruments, and the scrape may show that host's zeros instead of ours.
/// </remarks>
[Collection(nameof(TelemetryTests))]
public sealed partial class TelemetryTests
{
    [Fact]
    public async Task ByDefaultThereIsNoMetricsEndpoint()
    {
        using var factory = new IocWebFactory();

        var response = await factory.CreateClient().GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APrometheusScrapeShowsIngestionBatchesStoreLatencyTheBufferTheHubAndHttp()
    {
        using var factory = new TelemetryFactory(new() { ["Telemetry:Prometheus"] = "true" });
        var client = factory.CreateProducer();
        var at = TestClock.RecentToday(2);
        await client.PostAsync(WireEvents.Received("m-1", at), WireEvents.Received("m-2", at), WireEvents.Received("m-3", at));
        await client.PostAsync(WireEvents.Received("m-3", at));

        var scrape = await ScrapeUntilAsync(client, "ioc_history_store_duration_seconds_count");

        Value(scrape, "ioc_ingest_events_total", "ioc_outcome=\"accepted\"").Should().Be(3);
        Value(scrape, "ioc_ingest_events_total", "ioc_outcome=\"duplicate\"").Should().Be(1);
        Value(scrape, "ioc_ingest_batch_size_count", "").Should().Be(2, "two batches were answered");
        Value(scrape, "ioc_ingest_batch_size_sum", "").Should().Be(4, "3 events, then 1");
        Value(scrape, "ioc_history_store_duration_seconds_count", "ioc_operation=\"write\"").Should().BeGreaterThan(0);
        scrape.Should().Contain("ioc_history_buffer_points").And.Contain("ioc_hub_connections").And.Contain("ioc_hub_clients_dropped_total");
        scrape.Should().Contain("http_server_request_duration_seconds_bucket").And.Contain("http_route=\"/api/v1/events/\"");
    }

    [Fact]
    public async Task WithAnOtlpEndpointMetricsAndSampledTracesArePostedToTheCollector()
    {
        using var collector = new FakeCollector();
        using var factory = new TelemetryFactory(new()
        {
            ["Telemetry:OtlpEndpoint"] = collector.Address.ToString(),
            ["Telemetry:OtlpProtocol"] = "http/protobuf",
            ["Telemetry:TraceSampleRatio"] = "1",
            ["Telemetry:MetricExportIntervalMilliseconds"] = "300",
        });
        var client = factory.CreateProducer();

        (await client.GetAsync("/api/v1/kpi/city")).EnsureSuccessStatusCode();

        var traces = await collector.WaitForAsync("/v1/traces", body => body.Contains("/api/v1/kpi/city"));
        var metrics = await collector.WaitForAsync("/v1/metrics", body => body.Contains("ioc.ingest.events"));
        traces.Should().Contain("ioc", "the service is named ioc");
        metrics.Should().Contain("ioc.history.buffer.points");
    }

    private static async Task<string> ScrapeUntilAsync(HttpClient client, string metric)
    {
        var scrape = "";
        for (var i = 0; i < 100 && !scrape.Contains(metric, StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
            scrape = await client.GetStringAsync("/metrics");
        }

        return scrape;
    }

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels contain <paramref name="label"/>.</summary>
    private static double Value(string scrape, string name, string label) =>
        scrape.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == name && m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)")]
    private static partial Regex Sample();

    private sealed class TelemetryFactory(Dictionary<string, string?> telemetry) : IocWebFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings.Concat(telemetry));
    }

    /// <summary>An OTLP/HTTP collector on a loopback port that keeps what it was sent (protobuf bodies, read as text for names).</summary>
    private sealed class FakeCollector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<(string Path, string Body)> _received = new();
        private readonly Task _serving;

        public FakeCollector()
        {
            Address = new Uri($"http://127.0.0.1:{AppProcess.FreePort()}/");
            _listener.Prefixes.Add(Address.ToString());
            _listener.Start();
            _serving = Task.Run(ServeAsync);
        }

        public Uri Address { get; }

        public async Task<string> WaitForAsync(string path, Func<string, bool> match)
        {
            for (var i = 0; i < 150; i++)
            {
                if (_received.FirstOrDefault(r => r.Path == path && match(r.Body)) is { Body: { } body })
                {
                    return body;
                }

                await Task.Delay(100);
            }

            throw new TimeoutException($"Nothing matching posted to {path} within 15 s; got: {string.Join(", ", _received.Select(r => r.Path))}");
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _received.Enqueue((context.Request.Url!.AbsolutePath, Encoding.Latin1.GetString(body.ToArray())));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }
    }
}

/// <summary>Runs the telemetry tests with no other test of this assembly beside them (see <see cref="TelemetryTests"/>).</summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryCollection;
