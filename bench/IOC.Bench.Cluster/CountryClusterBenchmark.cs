using System.Diagnostics;
using System.Globalization;
using IOC.Cluster.Tests.Drill;
using IOC.Domain.Seed;
using IOC.Domain.Time;
using IOC.Domain.Units;

namespace IOC.Bench.Cluster;

/// <summary>What the <c>country</c> benchmark was asked (docs/benchmarks.md, "The whole country on a cluster").</summary>
internal sealed record CountryOptions(int Events, double Rate, int Nodes, int BatchSize, int Senders, int Seed, DateTimeOffset Start, int? TailReadMilliseconds, int SpreadSeconds = 0);

/// <summary>
/// Issue 14 on the cluster: one fixed-seed national event stream, posted once to a single national node (run A) and
/// once round-robin to N national nodes (run B), each started by scripts/cluster.sh with the same shared stores
/// (PostgreSQL inbox, history, access and alerts; Redis membership), so only the node count differs. Reports the
/// acknowledged rate, when the country's figures were final after the last acknowledgement, each node's memory and
/// CPU, and how the grains spread over the silos; then reads the country, every province, every commune and every
/// agency from A and from every node of B, and fails when any figure differs.
/// </summary>
internal static class CountryClusterBenchmark
{
    private const int IdleSeconds = 20;

    private static readonly Dictionary<string, string> NodeSettings = new(ClusterIngestBenchmark.NodeSettings)
    {
        ["Ioc__Province"] = "country",
        // /ops/orleans (the grain statistics) is the admin's; the nodes run in Development, where a request without
        // credentials is the development viewer.
        ["Access__DevelopmentViewerRole"] = "admin",
        // As in Production, and as the one-node country benchmark runs.
        ["Serilog__MinimumLevel__Default"] = "Warning",
    };

    public static async Task<int> RunAsync(CountryOptions options)
    {
        if (options.TailReadMilliseconds is { } tail)
        {
            // Both runs alike. The cluster's default (2 s) makes 3,394 units read their tails ~1,700 times a second
            // through the node's few tail-read slots, which the warm-up's recoveries share (docs/benchmarks.md).
            NodeSettings["Grains__TailReadMilliseconds"] = tail.ToString(CultureInfo.InvariantCulture);
        }

        var units = SeedData.LoadUnits(SeedData.Locate(), DeploymentScope.Country);
        var grains = units.All.Count() + units.DirectWorks.Count();
        Console.WriteLine($"country: {units.Wards.Count:N0} communes, {units.Provinces.Count} provinces, {units.Agencies.Count} agencies, the country ({grains:N0} unit grains); "
            + $"{options.Events:N0} events from seed {options.Seed} starting {options.Start:yyyy-MM-dd HH:mm zzz}, posted at {options.Rate:N0}/s in batches of {options.BatchSize} by {options.Senders} senders; "
            + $"units read their tails every {(options.TailReadMilliseconds is { } ms ? $"{ms:N0} ms" : "2,000 ms (scripts/cluster.sh)")}");

        var cpu = Stopwatch.StartNew();
        var stream = NationalStream.Generate(units, options.Seed, options.Events, options.Rate, options.BatchSize, options.Start);
        Console.WriteLine($"stream: {stream.Sum(b => b.Count):N0} events in {stream.Count:N0} batches ({stream.Sum(b => (long)b.Body.Length) / (1024.0 * 1024):N1} MiB of NDJSON), generated in {cpu.Elapsed.TotalSeconds:N1} s");

        var single = await RunOnAsync(1, stream, options, grains, target: null);
        var cluster = await RunOnAsync(options.Nodes, stream, options, grains, target: single.Tables[0].Where(NationalKpis.IsCountryYearToDate));

        var failed = false;
        Console.WriteLine($"compare: {single.Tables[0].Count:N0} unit figures of the single node (the country and 34 provinces in {NationalKpis.Windows.Length} windows, every commune and agency year to date) against each node of {options.Nodes}");
        for (var n = 0; n < options.Nodes; n++)
        {
            var differences = KpiComparison.Differences(single.Tables[0], "1 node", cluster.Tables[n], $"node {n + 1} of {options.Nodes}");
            Console.WriteLine($"  node {n + 1} of {options.Nodes}: {(differences.Count == 0 ? "every figure equal" : $"{differences.Count:N0} differences")}");
            foreach (var line in differences.Take(50))
            {
                Console.WriteLine("    " + line);
            }

            failed |= differences.Count > 0;
        }

        if (single.Producer.Rejected != cluster.Producer.Rejected || single.Producer.Acknowledged != cluster.Producer.Acknowledged)
        {
            Console.WriteLine($"  the runs stored different events: 1 node {single.Producer.Acknowledged:N0} acknowledged, {single.Producer.Rejected:N0} rejected; "
                + $"{options.Nodes} nodes {cluster.Producer.Acknowledged:N0} acknowledged, {cluster.Producer.Rejected:N0} rejected");
            failed = true;
        }

        Console.WriteLine("summary:");
        Console.WriteLine("  " + single.Summary);
        Console.WriteLine("  " + cluster.Summary);
        Console.WriteLine($"  figures: {(failed ? "DIFFERENT (above)" : $"the country, 34 provinces, {units.Wards.Count:N0} communes and {units.Agencies.Count} agencies equal on every node")}; load {Machine.Load()}");
        return failed ? 1 : 0;
    }

    private static async Task<RunResult> RunOnAsync(int nodes, IReadOnlyList<StreamBatch> stream, CountryOptions options, int grains, KpiTable? target)
    {
        var name = nodes == 1 ? "1 node" : $"{nodes} nodes";
        var starting = Stopwatch.StartNew();
        await using var cluster = await ClusterScript.StartAsync(nodes, NodeSettings);
        Console.WriteLine($"{name}: started in {starting.Elapsed.TotalSeconds:N0} s ({cluster.Folder}); load {Machine.Load()}");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var pids = Machine.NodePids(cluster.Folder, nodes);
        Console.WriteLine($"  idle: resident {Memory(pids)}");
        Console.WriteLine($"  grain activations per node after the start:");
        foreach (var line in GrainSpread.Lines(await GrainSpread.ReadAsync(http, cluster.Nodes[0], cluster.Folder, nodes, grains), nodes))
        {
            Console.WriteLine(line);
        }

        if (nodes > 1 && options.SpreadSeconds > 0)
        {
            await AwaitSpreadAsync(http, cluster, nodes, grains, options.SpreadSeconds);
        }

        // What the nodes and the shared PostgreSQL spend with no event arriving: every unit ticks, and on the shared
        // inbox reads its own tail every Grains:TailReadMilliseconds (docs/cluster.md).
        var postgres = Machine.PostgresPid(cluster.Folder);
        var idleFrom = Cpu(pids, postgres);
        await Task.Delay(TimeSpan.FromSeconds(IdleSeconds));
        Console.WriteLine($"  idle for {IdleSeconds} s: CPU {Share(idleFrom, Cpu(pids, postgres), IdleSeconds)}");

        var loadFrom = Cpu(pids, postgres);
        var producer = await StreamProducer.PostAsync(cluster.Nodes, stream, options.Rate, options.Senders);
        Console.WriteLine($"  posted: {producer.Acknowledged:N0} acknowledged ({producer.Accepted:N0} accepted, {producer.Duplicates:N0} found stored), {producer.Rejected:N0} rejected, "
            + $"{producer.Retries:N0} batches sent again ({producer.Unavailable:N0} answers 503) in {producer.Elapsed.TotalSeconds:N1} s: {producer.Rate:N0} events/s acknowledged (asked {options.Rate:N0}/s)");
        foreach (var rejection in producer.FirstRejections)
        {
            Console.WriteLine("    rejected: " + rejection);
        }

        var final = await FinalAsync(http, cluster.Nodes, target);
        var cpu = Share(loadFrom, Cpu(pids, postgres), (producer.Elapsed + final).TotalSeconds);
        Console.WriteLine($"  the country's figures final on every node {final.TotalSeconds:N1} s after the last acknowledgement ({(target is null ? "unchanged for 5 s" : "equal to the single node's")})");
        Console.WriteLine($"  CPU while posting and until final: {cpu}");
        var memory = Memory(pids);
        Console.WriteLine($"  after the load: resident {memory}");
        Console.WriteLine($"  grain activations per node after the load:");
        var spread = await GrainSpread.ReadAsync(http, cluster.Nodes[0], cluster.Folder, nodes, grains);
        foreach (var line in GrainSpread.Lines(spread, nodes))
        {
            Console.WriteLine(line);
        }

        var tables = new List<KpiTable>();
        foreach (var node in cluster.Nodes)
        {
            tables.Add(await NationalKpis.ReadAsync(http, node));
        }

        var summary = $"{name}: {producer.Rate:N0} events/s acknowledged of {options.Rate:N0} asked ({producer.Acknowledged:N0} events, {producer.Retries:N0} retries); "
            + $"country final {final.TotalSeconds:N1} s after the last acknowledgement; resident {memory}; CPU {cpu}; "
            + $"unit grains {GrainSpread.PerNode(GrainSpread.Units(spread))}";
        return new RunResult(producer, tables, summary);
    }

    /// <summary>
    /// Polls every node's country (year to date) until the last events are in: with a target, until every node shows
    /// it; without, until every node shows the same figures for 5 s. The time is counted from the call (the last
    /// acknowledgement) to the first read of the figures that then held. Gives up after two minutes.
    /// </summary>
    private static async Task<TimeSpan> FinalAsync(HttpClient http, IReadOnlyList<Uri> nodes, KpiTable? target)
    {
        var clock = Stopwatch.StartNew();
        KpiTable? settled = null;
        var settledAt = TimeSpan.Zero;
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var at = clock.Elapsed;
            var shown = new List<KpiTable>();
            foreach (var node in nodes)
            {
                shown.Add(await NationalKpis.CountryAsync(http, node));
            }

            var agreed = shown.All(t => KpiComparison.Differences(shown[0], "first", t, "other").Count == 0);
            if (target is not null && agreed && KpiComparison.Differences(target, "target", shown[0], "shown").Count == 0)
            {
                return at;
            }

            if (target is null && agreed)
            {
                if (settled is null || KpiComparison.Differences(settled, "before", shown[0], "now").Count > 0)
                {
                    (settled, settledAt) = (shown[0], at);
                }
                else if (at - settledAt >= TimeSpan.FromSeconds(5))
                {
                    return settledAt;
                }
            }
            else
            {
                settled = null;
            }

            await Task.Delay(250);
        }

        Console.WriteLine("  the country's figures were not final within 2 minutes: compared as they are");
        return clock.Elapsed;
    }

    /// <summary>CPU seconds so far of each node, then of PostgreSQL (its server and backends).</summary>
    private static double[] Cpu(IReadOnlyList<int> pids, int postgres) => [.. pids.Select(p => Machine.CpuSeconds(p) ?? 0), Machine.TreeCpuSeconds(postgres)];

    /// <summary>CPU used between two readings, each as seconds and as a share of the machine's cores over the span.</summary>
    private static string Share(double[] from, double[] to, double seconds) =>
        string.Join(", ", from.Select((f, i) => (Name: i < from.Length - 1 ? $"node {i + 1}" : "PostgreSQL", Used: to[i] - f))
            .Select(c => $"{c.Name} {c.Used:N0} s ({c.Used / seconds / Environment.ProcessorCount:P0})"))
        + $" of {Environment.ProcessorCount} cores over {seconds:N0} s";

    private static string Memory(IReadOnlyList<int> pids) =>
        string.Join(", ", pids.Select((p, i) => $"node {i + 1} {(Machine.ResidentMiB(p) is { } m ? $"{m:N0} MiB" : "gone")}"));

    /// <summary>
    /// Node 1's warm-up activates every unit before the others join; Orleans' rebalancer moves them from
    /// <c>Silo:RebalanceAfterSeconds</c> after a node starts (docs/cluster.md, "Where the units live"). Waits until no node
    /// holds more than 1.5 times an even share of the unit grains, or <paramref name="seconds"/> pass, printing the spread.
    /// </summary>
    private static async Task AwaitSpreadAsync(HttpClient http, ClusterScript cluster, int nodes, int grains, int seconds)
    {
        var waiting = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
            var units = GrainSpread.Units(await GrainSpread.ReadAsync(http, cluster.Nodes[0], cluster.Folder, nodes, grains));
            var spread = units.Max() <= 1.5 * units.Sum() / nodes;
            Console.WriteLine($"  spreading, {waiting.Elapsed.TotalSeconds:N0} s: unit grains {GrainSpread.PerNode(units)}");
            if (spread || waiting.Elapsed.TotalSeconds >= seconds)
            {
                Console.WriteLine($"  units {(spread ? "spread" : "NOT spread")} {waiting.Elapsed.TotalSeconds:N0} s after the start");
                return;
            }
        }
    }

    public static CountryOptions Options(Func<string, string?> option)
    {
        var today = VietnamTime.LocalDate(DateTimeOffset.UtcNow);
        var start = option("day") is { } day
            ? VietnamTime.StartOfDay(DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture)).AddHours(8)
            : NationalStream.DefaultStart(today);
        int Number(string name, int fallback) => option(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new CountryOptions(Number("events", 200_000), Number("rate", 3000), Number("nodes", 3), Number("batch", 100), Number("senders", 4), Number("seed", 14), start, option("tail-read-ms") is { } tail ? int.Parse(tail, CultureInfo.InvariantCulture) : null, Number("spread-seconds", 0));
    }

    private sealed record RunResult(ProducerResult Producer, IReadOnlyList<KpiTable> Tables, string Summary);
}
