using System.Diagnostics;
using System.Text;
using System.Text.Json;
using IOC.Domain.Events;
using IOC.Domain.Units;
using IOC.Ingestion.Parsing;
using IOC.Ingestion.Simulation;
using Microsoft.AspNetCore.SignalR.Client;

namespace IOC.Bench;

/// <summary>
/// Freshness: time from the 202 of POST /api/v1/events to the hub's update at a client, while a background load
/// (default 10,000 events/s of today's simulated traffic) is posted. The probe's ward gets only probe events, so
/// its update is identifiable; the client also holds <c>city</c> and <c>wards</c>, which change every tick.
/// </summary>
public static class FreshnessBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var units = BenchOptions.Units();
        var probeWard = units.Wards[0].Code;
        var batchSize = Math.Max(1, options.Rate / 20);
        var batches = Background(units, probeWard, options.Rate * options.Seconds, batchSize);
        Console.WriteLine($"freshness: background {options.Rate:N0} events/s in {batches.Length} batches of {batchSize} for {options.Seconds} s; probe ward {probeWard}");

        var p50s = new List<double>();
        var p99s = new List<double>();
        for (var run = 0; run <= options.Runs; run++)
        {
            using var server = await HubBench.StartServerAsync();
            var (latencies, lost, achieved) = await MeasureAsync(server.Address, batches, probeWard, options, run);
            var (p50, p99) = (HubBench.Percentile(latencies, 50), HubBench.Percentile(latencies, 99));
            Console.WriteLine($"run {run}{(run == 0 ? " (warm-up)" : "")}: {latencies.Count} probes, {lost} lost, p50 {p50:N0} ms, p99 {p99:N0} ms, max {latencies.Max():N0} ms, background {achieved:N0} events/s");
            if (run > 0)
            {
                p50s.Add(p50);
                p99s.Add(p99);
            }
        }

        Console.WriteLine($"freshness p50: runs {HubBench.Line(p50s)} ms; median {BenchOptions.Median(p50s):N0} ms");
        Console.WriteLine($"freshness p99: runs {HubBench.Line(p99s)} ms; median {BenchOptions.Median(p99s):N0} ms");
        return 0;
    }

    private static async Task<(List<double> Latencies, int Lost, double Achieved)> MeasureAsync(
        Uri address, byte[][] batches, string probeWard, BenchOptions options, int run)
    {
        using var http = HubBench.Producer(address);
        await using var hub = HubBench.Hub(address);
        var group = "ward:" + probeWard;
        var waiting = (Expected: double.MaxValue, Arrived: new TaskCompletionSource<TimeSpan>());
        var gate = new Lock();
        hub.On<string, JsonElement>("update", (g, payload) =>
        {
            if (g == group && HubBench.Kpi(payload, "dossier.received") is { } value)
            {
                var now = HubBench.Clock.Elapsed;
                lock (gate)
                {
                    if (value >= waiting.Expected)
                    {
                        waiting.Arrived.TrySetResult(now);
                    }
                }
            }
        });
        await hub.StartAsync();
        foreach (var g in new[] { group, "city", "wards" })
        {
            await hub.InvokeAsync("Subscribe", g);
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));
        var background = PostPacedAsync(http, batches, Math.Max(1, options.Rate / 20), options.Rate, stop.Token);
        var latencies = new List<double>();
        var lost = 0;
        var random = new Random(run);
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var arrived = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gate)
            {
                waiting = (n, arrived);
            }

            await HubBench.PostAsync(http, Probe(probeWard, run, n));
            var acknowledged = HubBench.Clock.Elapsed;
            try
            {
                var at = await arrived.Task.WaitAsync(TimeSpan.FromSeconds(5));
                latencies.Add(Math.Max(0, (at - acknowledged).TotalMilliseconds));
            }
            catch (TimeoutException)
            {
                lost++;
            }

            // A random pause so probes fall at every phase of the publisher's 250 ms tick.
            await Task.Delay(200 + random.Next(300));
        }

        var achieved = await background;
        return (latencies, lost, achieved);
    }

    /// <summary>Posts batches on a fixed schedule (rate events/s), up to 4 in flight; returns the rate achieved.</summary>
    private static async Task<double> PostPacedAsync(HttpClient http, byte[][] batches, int batchSize, int rate, CancellationToken stop)
    {
        var perBatch = TimeSpan.FromSeconds((double)batchSize / rate);
        var inFlight = new SemaphoreSlim(4);
        var posts = new List<Task>();
        var clock = Stopwatch.StartNew();
        var sent = 0;
        for (var i = 0; i < batches.Length && !stop.IsCancellationRequested; i++)
        {
            var due = perBatch * i - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, CancellationToken.None);
            }

            await inFlight.WaitAsync(CancellationToken.None);
            var batch = batches[i];
            posts.Add(Task.Run(async () =>
            {
                try
                {
                    await HubBench.PostAsync(http, batch);
                }
                finally
                {
                    inFlight.Release();
                }
            }));
            sent++;
        }

        await Task.WhenAll(posts);
        return sent * (double)batchSize / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Today's simulated traffic (from half an hour ago), without the probe's ward, as NDJSON batches.</summary>
    private static byte[][] Background(UnitCatalog units, string probeWard, int count, int batchSize)
    {
        var generator = new TrafficGenerator(units, seed: 23, eventsPerSecond: 2000);
        var events = new List<IocEvent>(count);
        for (var from = DateTimeOffset.UtcNow.AddMinutes(-30); events.Count < count; from = from.AddMinutes(1))
        {
            events.AddRange(generator.Generate(from, from.AddMinutes(1)).Where(e => e.Unit != probeWard));
        }

        return [.. events.Take(count).Chunk(batchSize).Select(EventJson.ToNdjson)];
    }

    private static byte[] Probe(string ward, int run, int n)
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(-1).ToOffset(TimeSpan.FromHours(7));
        return Encoding.UTF8.GetBytes(
            $"{{\"id\":\"probe-{run}-{n}\",\"type\":\"dossier.received\",\"at\":\"{at:yyyy-MM-ddTHH:mm:ss.fffzzz}\",\"unit\":\"{ward}\"," +
            $"\"dossierId\":\"P-{run}-{n}\",\"procedure\":\"1.001612\",\"channel\":\"online\",\"fullProcessOnline\":false," +
            $"\"onDigitalPlatform\":true,\"dueAt\":\"{at.AddDays(3):yyyy-MM-ddTHH:mm:ss.fffzzz}\"}}\n");
    }
}
