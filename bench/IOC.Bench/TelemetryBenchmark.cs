using System.Net;
using System.Security.Cryptography;
using System.Text;
using IOC.Testing.Hosting;

namespace IOC.Bench;

/// <summary>
/// The ingest benchmark with telemetry off (the default) and on, in one invocation, runs interleaved (off, on, off,
/// on…) so a noisy neighbour hurts both alike. "On" is everything an operator would turn on: the Prometheus endpoint
/// scraped every 5 s, and OTLP metrics (every 15 s) and traces (5 % of requests) posted to a collector on loopback that
/// answers 200 to everything.
/// </summary>
public static class TelemetryBenchmark
{
    private const string Key = "bench-producer-key";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var batches = IngestBenchmark.Prepare(options);
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)));
        using var collector = new NullCollector();
        var off = new List<double>();
        var on = new List<double>();
        var offCpu = new List<double>();
        var onCpu = new List<double>();
        for (var run = 0; run <= options.Runs; run++)
        {
            foreach (var telemetry in new[] { false, true })
            {
                var settings = new Dictionary<string, string>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["Ingestion__ApiKeys__0"] = digest,
                };
                if (telemetry)
                {
                    settings["Telemetry__Prometheus"] = "true";
                    settings["Telemetry__OtlpEndpoint"] = collector.Address.ToString();
                    settings["Telemetry__OtlpProtocol"] = "http/protobuf";
                }

                using var server = await AppProcess.StartAsync(new AppProcessOptions { Configuration = "Release", Settings = settings });
                using var scraping = new CancellationTokenSource();
                var scraper = telemetry ? ScrapeAsync(server.Address, scraping.Token) : Task.CompletedTask;
                var cpuBefore = CpuSeconds(server.Pid);
                var (acknowledged, elapsed) = await IngestBenchmark.PostAllAsync(server.Address, batches, options.Clients, Key);
                var cpu = CpuSeconds(server.Pid) - cpuBefore;
                await scraping.CancelAsync();
                await scraper;
                if (acknowledged != options.Events)
                {
                    Console.Error.WriteLine($"run {run}: only {acknowledged} of {options.Events} events acknowledged");
                    return 1;
                }

                if (run > 0)
                {
                    (telemetry ? on : off).Add(acknowledged / elapsed.TotalSeconds);
                    (telemetry ? onCpu : offCpu).Add(cpu * 1e6 / acknowledged);
                }
            }
        }

        BenchOptions.Report("ingest, telemetry off", off);
        BenchOptions.Report("ingest, telemetry on ", on);
        var loss = 1 - (BenchOptions.Median(on) / BenchOptions.Median(off));
        Console.WriteLine($"telemetry costs {loss:P1} of the median ingest rate (goal: at most 5 %); collector got {collector.Posts} posts");

        // Wall-clock rates swing with whatever else the machine runs; the server's own CPU time per event does not.
        Console.WriteLine($"server CPU per event, off: {string.Join(" | ", offCpu.Select(v => v.ToString("N2")))} µs; median {BenchOptions.Median(offCpu):N2} µs");
        Console.WriteLine($"server CPU per event, on : {string.Join(" | ", onCpu.Select(v => v.ToString("N2")))} µs; median {BenchOptions.Median(onCpu):N2} µs");
        Console.WriteLine($"telemetry costs {(BenchOptions.Median(onCpu) / BenchOptions.Median(offCpu)) - 1:P1} more server CPU per event (goal: at most 5 %)");
        return 0;
    }

    /// <summary>User plus system CPU time the process has used, from /proc/{pid}/stat (clock ticks of 1/100 s).</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }

    private static async Task ScrapeAsync(Uri address, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = address };
        try
        {
            while (!ct.IsCancellationRequested)
            {
                (await http.GetAsync("/metrics", ct)).EnsureSuccessStatusCode();
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>An OTLP/HTTP collector on loopback that reads each post and answers 200.</summary>
    private sealed class NullCollector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private long _posts;

        public NullCollector()
        {
            Address = new Uri($"http://127.0.0.1:{AppProcess.FreePort()}/");
            _listener.Prefixes.Add(Address.ToString());
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public Uri Address { get; }

        public long Posts => Interlocked.Read(ref _posts);

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                try
                {
                    var context = await _listener.GetContextAsync();
                    await context.Request.InputStream.CopyToAsync(Stream.Null);
                    Interlocked.Increment(ref _posts);
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
            }
        }
    }
}
