using System.Diagnostics;
using IOC.Cluster.Tests.Drill;
using IOC.Tests.Shared;

namespace IOC.Bench.Cluster;

/// <summary>
/// Issue 11's failover figure: three nodes under a steady producer; each run kills one node with SIGKILL and times
/// how long until every unit, read through each survivor's API, shows at least what was acknowledged before the kill
/// (the drill's criterion). The victim is the node holding the most unit grains at the time (Orleans places a unit
/// where it is first called and never moves it: a node that joined later, or was restarted, holds few or none), so
/// every run moves units.
/// </summary>
internal static class FailoverBenchmark
{
    public static async Task RunAsync(int runs, int rate)
    {
        // The dashboard's grain statistics (which node holds which units) are the admin's: in Development a request
        // without credentials is the development viewer.
        var settings = new Dictionary<string, string>(ClusterIngestBenchmark.NodeSettings) { ["Access__DevelopmentViewerRole"] = "admin" };
        await using var cluster = await ClusterScript.StartAsync(3, settings);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await using var producer = new DrillProducer(cluster.Nodes, ClusterIngestBenchmark.Units());
        producer.Start(rate, batchSize: 100, senders: 4);
        await Task.Delay(TimeSpan.FromSeconds(15));

        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            // The node holding the most unit grains dies: a node that holds none (a node that joined after the first had
            // activated every unit, or one restarted since) would time nothing.
            var held = GrainSpread.Units(await GrainSpread.ReadAsync(http, cluster.Nodes[0], cluster.Folder, 3, Seed.Units.All.Count()));
            var victim = Array.IndexOf(held, held.Max()) + 1;
            var survivors = Enumerable.Range(1, 3).Where(n => n != victim).Select(n => cluster.Nodes[n - 1]).ToList();
            var atKill = producer.Acknowledged;
            var watch = Stopwatch.StartNew();
            await cluster.KillAsync(victim);
            while (!await AllAtLeastAsync(http, survivors, atKill))
            {
                await Task.Delay(100);
            }

            times.Add(watch.Elapsed.TotalSeconds);
            var pids = Machine.NodePids(cluster.Folder, 3);
            Console.WriteLine($"run {run + 1}: killed node {victim} (it held {held[victim - 1]:N0} unit grains; {string.Join(", ", held.Select((h, i) => $"node {i + 1} {h}"))}) with {atKill.Values.Sum():N0} events acknowledged; every unit right on the survivors after {watch.Elapsed.TotalSeconds:0.00} s; load {Machine.Load()}; resident "
                + string.Join(", ", pids.Select((p, i) => $"node {i + 1} {(Machine.ResidentMiB(p) is { } m ? $"{m:N0} MiB" : "dead")}")));

            await cluster.RestartAsync(victim);
            // Rejoined: the restarted node answers and shows everything acknowledged before it came back.
            var before = producer.Acknowledged;
            while (!await AllAtLeastAsync(http, [cluster.Nodes[victim - 1]], before))
            {
                await Task.Delay(250);
            }

            await Task.Delay(TimeSpan.FromSeconds(10));
        }

        await producer.StopAsync();
        Console.WriteLine($"failover (kill -9 → every unit right on the survivors), {runs} runs at {rate:N0} events/s: "
            + $"{string.Join(" | ", times.Select(t => t.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))} s; median {Machine.Median(times):0.00} s, worst {times.Max():0.00} s; "
            + $"{producer.AcknowledgedTotal:N0} acknowledged, {producer.Retries:N0} batches retried; load {Machine.Load()}");
    }

    private static async Task<bool> AllAtLeastAsync(HttpClient http, IEnumerable<Uri> nodes, IReadOnlyDictionary<string, int> acknowledged)
    {
        try
        {
            foreach (var node in nodes)
            {
                var shown = await KpiReader.ReceivedAsync(http, node);
                if (acknowledged.Any(u => shown.GetValueOrDefault(u.Key) < u.Value))
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
