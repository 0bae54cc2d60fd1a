using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IOC.Domain.Time;

namespace IOC.Cluster.Tests.Drill;

/// <summary>What one node's history API says a unit received, summed over yesterday and today (Hanoi's days; a drill may cross midnight).</summary>
public static class HistoryReader
{
    /// <param name="path"><c>city</c>, <c>units/{code}</c> or <c>agencies/{code}</c>.</param>
    public static async Task<long> ReceivedAsync(HttpClient http, Uri node, string path)
    {
        var today = VietnamTime.LocalDate(DateTimeOffset.UtcNow);
        var answer = await http.GetFromJsonAsync<JsonObject>(new Uri(node,
            $"/api/v1/history/{path}?kpi=dossier.received&from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}&step=1d"));
        return answer!["points"]!.AsArray().Sum(p => (long)(p!["value"]?.GetValue<double>() ?? 0));
    }

    /// <summary>The units (of <paramref name="paths"/>) whose stored history differs from what was acknowledged, on each node.</summary>
    public static async Task<List<string>> DifferencesAsync(
        HttpClient http, IReadOnlyList<Uri> nodes, IReadOnlyDictionary<string, int> acknowledged, IEnumerable<(string Path, string? Unit)> paths)
    {
        var differences = new List<string>();
        foreach (var node in nodes)
        {
            foreach (var (path, unit) in paths)
            {
                long expected = unit is null ? acknowledged.Values.Sum() : acknowledged.GetValueOrDefault(unit);
                var stored = await ReceivedAsync(http, node, path);
                if (stored != expected)
                {
                    differences.Add($"{node.Port} history {path}: acknowledged {expected}, stored {stored}");
                }
            }
        }

        return differences;
    }
}
