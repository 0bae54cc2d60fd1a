using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IOC.Bench.Cluster;

/// <summary>Reads a national node's KPIs through its public API (<c>/api/v1/kpi/...</c>) into a <see cref="KpiTable"/>.</summary>
internal static class NationalKpis
{
    /// <summary>Every window the API serves, for the country and the provinces; the communes and agencies in <c>ytd</c>, where the stream's figures are.</summary>
    public static readonly string[] Windows = ["ytd", "mtd", "7d", "today", "60m"];

    /// <summary>The country, its 34 provinces (every window), every commune and every agency (year to date).</summary>
    public static async Task<KpiTable> ReadAsync(HttpClient http, Uri node)
    {
        var table = new KpiTable();
        foreach (var window in Windows)
        {
            table.AddOne(await GetAsync(http, node, $"/api/v1/kpi/country?window={window}"));
            table.AddList(await GetAsync(http, node, $"/api/v1/kpi/provinces?window={window}"));
        }

        table.AddList(await GetAsync(http, node, "/api/v1/kpi/units?window=ytd"));
        table.AddList(await GetAsync(http, node, "/api/v1/kpi/agencies?window=ytd"));
        return table;
    }

    /// <summary>Whether a <see cref="KpiTable"/> key is the country's year to date (what <see cref="CountryAsync"/> reads).</summary>
    public static bool IsCountryYearToDate(string key) => key.StartsWith("ytd country ", StringComparison.Ordinal);

    /// <summary>The country's year to date alone: what the wait for the last figures polls.</summary>
    public static async Task<KpiTable> CountryAsync(HttpClient http, Uri node)
    {
        var table = new KpiTable();
        table.AddOne(await GetAsync(http, node, "/api/v1/kpi/country?window=ytd"));
        return table;
    }

    private static async Task<JsonObject> GetAsync(HttpClient http, Uri node, string path) =>
        await http.GetFromJsonAsync<JsonObject>(new Uri(node, path)) ?? throw new InvalidOperationException($"{node}{path} answered null.");
}
