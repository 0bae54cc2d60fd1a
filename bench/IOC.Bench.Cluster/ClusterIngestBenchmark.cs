using System.Diagnostics;
using IOC.Cluster.Tests.Drill;
using IOC.Tests.Shared;

namespace IOC.Bench.Cluster;

/// <summary>
/// Ingest throughput with the shared inbox on one node and on three (round-robin), against the embedded default
/// (one node, SQLite), interleaved in one run: the same producer (the drill's, batches of 1,000, four senders as fast
/// as they are answered) posts for a fixed time after a warm-up; the figure is what was acknowledged per second.
/// </summary>
internal static class ClusterIngestBenchmark
{
    public static readonly IReadOnlyDictionary<string, string> NodeSettings = new Dictionary<string, string>
    {
        ["Simulator__Enabled"] = "false",
        ["Access__RateLimits__IngestionPerMinute"] = "10000000",
    };

    public static IReadOnlyList<(string? Ward, string? Agency)> Units() =>
        [.. Seed.Units.Wards.Select(w => ((string?)w.Code, (string?)null)).Concat(Seed.Units.Agencies.Select(a => ((string?)null, (string?)a.Code)))];

    public static async Task RunAsync(int runs, int seconds)
    {
        var figures = new Dictionary<string, List<double>> { ["sqlite, 1 node"] = [], ["postgres, 1 node"] = [], ["postgres, 3 nodes"] = [] };
        for (var run = 0; run < runs; run++)
        {
            foreach (var setup in figures.Keys)
            {
                var (rate, resident) = await MeasureAsync(setup, seconds);
                figures[setup].Add(rate);
                Console.WriteLine($"run {run + 1} {setup}: {rate:N0} events/s acknowledged; resident {string.Join(", ", resident.Select(r => $"{r:N0} MiB"))}; load {Machine.Load()}");
            }
        }

        foreach (var (setup, rates) in figures)
        {
            Console.WriteLine($"ingest {setup}: {string.Join(" | ", rates.Select(r => r.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}; median {Machine.Median(rates):N0} events/s");
        }
    }

    private static async Task<(double Rate, IReadOnlyList<double> ResidentMiB)> MeasureAsync(string setup, int seconds)
    {
        if (setup.StartsWith("sqlite", StringComparison.Ordinal))
        {
            var dir = Directory.CreateTempSubdirectory("ioc-bench-sqlite-").FullName;
            var app = await AppProcess.StartAsync(new AppProcessOptions { Configuration = "Release", DataDir = dir, Settings = NodeSettings });
            try
            {
                var rate = await PostAsync([app.Address], seconds);
                return (rate, [Machine.ResidentMiB(app.Pid) ?? 0]);
            }
            finally
            {
                app.Dispose();
                Directory.Delete(dir, recursive: true);
            }
        }

        var nodes = setup.EndsWith("3 nodes", StringComparison.Ordinal) ? 3 : 1;
        await using var cluster = await ClusterScript.StartAsync(nodes, NodeSettings);
        var clusterRate = await PostAsync(cluster.Nodes, seconds);
        return (clusterRate, [.. Machine.NodePids(cluster.Folder, nodes).Select(p => Machine.ResidentMiB(p) ?? 0)]);
    }

    private static async Task<double> PostAsync(IReadOnlyList<Uri> nodes, int seconds)
    {
        await using var producer = new DrillProducer(nodes, Units());
        producer.Start(eventsPerSecond: 10_000_000, batchSize: 1000, senders: 4);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var start = producer.AcknowledgedTotal;
        var watch = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var acknowledged = producer.AcknowledgedTotal - start;
        var elapsed = watch.Elapsed.TotalSeconds;
        await producer.StopAsync();
        return acknowledged / elapsed;
    }
}
