using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using IOC.Domain.Events;
using IOC.Ingestion.Parsing;
using IOC.Ingestion.Simulation;
using IOC.Testing.Hosting;

namespace IOC.Bench;

/// <summary>
/// Acknowledged events per second through POST /api/v1/events on 127.0.0.1, batches of 1,000, durable inbox
/// included: the clock stops when the last 202 arrives. Each run gets a fresh server and data directory.
/// </summary>
public static class IngestBenchmark
{
    private const string Key = "bench-producer-key";

    public static async Task<int> RunAsync(BenchOptions options, string[] args)
    {
        // --warmup N: N events posted to each run's server before its clock starts, so that the timed part sees a warm
        // server (JIT tiers, thread pool, activated grains) rather than its first seconds. 0: the cold figure.
        var warmup = Arg(args, "warmup") is { } w ? int.Parse(w) : 0;
        var serverEnv = args.Select((a, i) => (a, i)).Where(x => x.a == "--server-env" && x.i + 1 < args.Length)
            .Select(x => args[x.i + 1].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        var all = Prepare(options with { Events = options.Events + warmup });
        var warm = all[..(warmup / options.Batch)];
        var batches = all[(warmup / options.Batch)..];
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)));
        var rates = new List<double>();
        for (var run = 0; run <= options.Runs; run++)
        {
            var settings = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Ingestion__ApiKeys__0"] = digest,
                ["Access__RateLimits__IngestionPerMinute"] = "1000000", // a national producer's limit, not the default 1,200
            };
            foreach (var (name, value) in serverEnv)
            {
                settings[name] = value;
            }

            using var server = await AppProcess.StartAsync(new AppProcessOptions { Configuration = "Release", Settings = settings });
            await PostAllAsync(server.Address, warm, options.Clients, Key);
            var (acknowledged, elapsed) = await PostAllAsync(server.Address, batches, options.Clients, Key);
            if (acknowledged != batches.Sum(b => b.Count(c => c == (byte)'\n')))
            {
                Console.Error.WriteLine($"run {run}: only {acknowledged} of {options.Events} events acknowledged");
                return 1;
            }

            if (run > 0)
            {
                rates.Add(acknowledged / elapsed.TotalSeconds); // run 0 warms the disk and the OS's caches
            }
        }

        BenchOptions.Report($"ingest ({options.Clients} clients, batches of {options.Batch}, {warmup:N0} events of warm-up)", rates);
        return 0;
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, "--" + name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static byte[][] Prepare(BenchOptions options)
    {
        var units = BenchOptions.Units();

        // A busy weekday morning two weeks back: realistic mix, nothing "in the future".
        var monday = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-14));
        monday = monday.AddDays(-(((int)monday.DayOfWeek + 6) % 7));
        var from = new DateTimeOffset(monday.ToDateTime(new TimeOnly(7, 30)), TimeSpan.FromHours(7));
        var generator = new TrafficGenerator(units, seed: 11, eventsPerSecond: 2000);
        var events = new List<IocEvent>(options.Events);
        for (var start = from; events.Count < options.Events; start = start.AddMinutes(10))
        {
            events.AddRange(generator.Generate(start, start.AddMinutes(10)));
        }

        events.RemoveRange(options.Events, events.Count - options.Events);
        var batches = events.Chunk(options.Batch).Select(EventJson.ToNdjson).ToArray();
        Console.WriteLine($"ingest: {events.Count:N0} events, {batches.Length} NDJSON batches, avg {batches.Average(b => b.Length) / options.Batch:N0} bytes/event");
        return batches;
    }

    public static async Task<(long Acknowledged, TimeSpan Elapsed)> PostAllAsync(Uri address, byte[][] batches, int clients, string key)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var next = -1;
        long acknowledged = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Length)
            {
                using var content = new ByteArrayContent(batches[i]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                using var response = await http.PostAsync("/api/v1/events", content);
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode != 202)
                {
                    throw new InvalidOperationException($"batch {i}: {(int)response.StatusCode} {body}");
                }

                // {"accepted":N,...}
                var accepted = int.Parse(body.AsSpan(12, body.IndexOf(',') - 12));
                Interlocked.Add(ref acknowledged, accepted);
            }
        }));
        return (acknowledged, stopwatch.Elapsed);
    }
}
