using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IOC.Cluster.Tests.Drill;

/// <summary>What one node's API says each unit received this year (<c>dossier.received</c>, window ytd).</summary>
public static class KpiReader
{
    public static async Task<Dictionary<string, int>> ReceivedAsync(HttpClient http, Uri node)
    {
        var counts = new Dictionary<string, int>();
        foreach (var list in new[] { "units", "agencies" })
        {
            var answer = await http.GetFromJsonAsync<JsonObject>(new Uri(node, $"/api/v1/kpi/{list}?window=ytd"));
            foreach (var unit in answer!["units"]!.AsArray())
            {
                var value = (int)unit!["kpis"]!["dossier.received"]!["value"]!.GetValue<double>();
                if (value > 0)
                {
                    counts[unit["unit"]!.GetValue<string>()] = value;
                }
            }
        }

        var city = await http.GetFromJsonAsync<JsonObject>(new Uri(node, "/api/v1/kpi/city?window=ytd"));
        counts["city"] = (int)city!["kpis"]!["dossier.received"]!["value"]!.GetValue<double>();
        return counts;
    }

    /// <summary>The units whose figure differs from what was acknowledged, for a failure message (empty: all equal).</summary>
    public static List<string> Differences(IReadOnlyDictionary<string, int> acknowledged, IReadOnlyDictionary<string, int> shown)
    {
        var expected = new Dictionary<string, int>(acknowledged) { ["city"] = acknowledged.Values.Sum() };
        return [.. expected.Keys.Union(shown.Keys)
            .Where(k => expected.GetValueOrDefault(k) != shown.GetValueOrDefault(k))
            .Select(k => $"{k}: acknowledged {expected.GetValueOrDefault(k)}, shown {shown.GetValueOrDefault(k)}")];
    }
}
