using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IOC.Bench.Cluster;

/// <summary>
/// Grain activations per silo and grain type, as the Orleans dashboard the product already serves reports them
/// (<c>/ops/orleans/DashboardCounters</c>: its <c>simpleGrainStats</c> are <c>IManagementGrain.GetSimpleGrainStatistics</c>
/// of the whole cluster, collected every second; admin only, so the nodes run with the development viewer as admin).
/// Silos are named by node number through the silo ports scripts/cluster.sh wrote in cluster.env.
/// </summary>
internal static partial class GrainSpread
{
    /// <summary>
    /// Activations by grain type and node (index 0 is node 1), once IOC's own grains (types in its namespaces; the rest
    /// are Orleans' and the dashboard's) counted reach <paramref name="atLeast"/> or a minute passed.
    /// </summary>
    public static async Task<SortedDictionary<string, int[]>> ReadAsync(HttpClient http, Uri node, string clusterFolder, int nodes, int atLeast)
    {
        var ports = SiloPorts(clusterFolder, nodes);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var table = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
            try
            {
                var counters = await http.GetFromJsonAsync<JsonObject>(new Uri(node, "/ops/orleans/DashboardCounters"));
                foreach (var stat in counters!["simpleGrainStats"]!.AsArray())
                {
                    var silo = SiloPort().Match(stat!["siloAddress"]!.GetValue<string>());
                    var at = silo.Success ? Array.IndexOf(ports, int.Parse(silo.Groups[1].Value, CultureInfo.InvariantCulture)) : -1;
                    if (at < 0)
                    {
                        continue;
                    }

                    var type = Name(stat["grainType"]!.GetValue<string>());
                    var row = table.TryGetValue(type, out var existing) ? existing : table[type] = new int[nodes];
                    row[at] += stat["activationCount"]!.GetValue<int>();
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            var iocGrains = table.Where(t => IsIoc(t.Key)).Sum(t => t.Value.Sum());
            if (iocGrains >= atLeast || DateTime.UtcNow >= deadline)
            {
                return table;
            }

            await Task.Delay(1000);
        }
    }

    /// <summary>The table as lines: one per grain type with its count on each node, then each node's total.</summary>
    public static IEnumerable<string> Lines(SortedDictionary<string, int[]> spread, int nodes)
    {
        var header = new StringBuilder("    grain type".PadRight(40));
        for (var n = 1; n <= nodes; n++)
        {
            header.Append(CultureInfo.InvariantCulture, $"{"node " + n,10}");
        }

        yield return header.ToString();
        foreach (var (type, counts) in spread.Where(s => IsIoc(s.Key)).Concat(spread.Where(s => !IsIoc(s.Key))))
        {
            yield return ("    " + type[(type.LastIndexOf('.') + 1)..]).PadRight(40) + string.Concat(counts.Select(c => c.ToString("N0", CultureInfo.InvariantCulture).PadLeft(10)));
        }

        yield return "    all".PadRight(40) + string.Concat(Enumerable.Range(0, nodes).Select(n => spread.Values.Sum(c => c[n]).ToString("N0", CultureInfo.InvariantCulture).PadLeft(10)));
    }

    /// <summary>Unit grains (communes, agencies, provinces' direct work, provinces, the country) on each node.</summary>
    public static int[] Units(SortedDictionary<string, int[]> spread) =>
        [.. Enumerable.Range(0, spread.Values.FirstOrDefault()?.Length ?? 0)
            .Select(n => spread.Where(s => IsIoc(s.Key) && UnitTypes.Any(t => s.Key.EndsWith("." + t, StringComparison.Ordinal))).Sum(s => s.Value[n]))];

    /// <summary>Counts by node as the bench prints them: "node 1 1,196, node 2 1,085, …".</summary>
    public static string PerNode(IEnumerable<int> counts) =>
        string.Join(", ", counts.Select((count, i) => string.Create(CultureInfo.InvariantCulture, $"node {i + 1} {count:N0}")));

    private static readonly string[] UnitTypes = ["WardGrain", "AgencyGrain", "CityWorkGrain", "CityGrain", "CountryGrain"];

    private static bool IsIoc(string type) => type.StartsWith("IOC.", StringComparison.Ordinal);

    /// <summary>The type's full name without an assembly-qualified tail.</summary>
    private static string Name(string type) => type.Split(',')[0].Trim();

    private static int[] SiloPorts(string clusterFolder, int nodes)
    {
        var env = File.ReadAllLines(Path.Combine(clusterFolder, "cluster.env"));
        return [.. Enumerable.Range(1, nodes).Select(i => int.Parse(env.Single(l => l.StartsWith($"NODE_{i}_SILO=", StringComparison.Ordinal)).Split('=')[1], CultureInfo.InvariantCulture))];
    }

    [GeneratedRegex(@":(\d+)(@|$)")]
    private static partial Regex SiloPort();
}
