using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IOC.Web.Security;

namespace IOC.History.Tests.Integration;

/// <summary>Talks to the real server in a child process: posts events, reads KPIs and /health, waits for the history to catch up.</summary>
internal sealed class RunningApp(AppProcess process) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public HttpClient Http { get; } = Client(process);

    public AppProcess Process => process;

    public static async Task<RunningApp> StartAsync(string dataDir, IReadOnlyDictionary<string, string> settings) =>
        new(await AppProcess.StartAsync(new AppProcessOptions { DataDir = dataDir, Settings = settings }));

    /// <summary>Posts in batches of 100; returns how many were accepted (acknowledged).</summary>
    public async Task<int> PostAsync(IEnumerable<JsonObject> events)
    {
        var accepted = 0;
        foreach (var batch in events.Chunk(100))
        {
            var response = await Http.PostAsync(batch);
            response.EnsureSuccessStatusCode();
            accepted += (await response.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>();
        }

        return accepted;
    }

    /// <summary>The live KPIs the tests compare across a restart: the city in every window, a ward and an agency.</summary>
    public async Task<JsonObject> KpisAsync()
    {
        var all = new JsonObject();
        foreach (var path in new[] { "city?window=today", "city?window=60m", "city?window=mtd", "city?window=ytd", "units/00082?window=today", "units/00070?window=ytd", "agencies/VPTU?window=mtd" })
        {
            all[path] = (await Http.GetFromJsonAsync<JsonObject>("/api/v1/kpi/" + path))!["kpis"]!.DeepClone();
        }

        return all;
    }

    public async Task<JsonObject> HealthAsync(string check) =>
        (await Http.GetFromJsonAsync<JsonObject>("/health"))!["checks"]![check]!["data"]!.AsObject();

    /// <summary>
    /// Waits until /health says the store is up and nothing is buffered. A history read first makes every grain hand
    /// over what it folded, so what was acknowledged is in the buffer before its size is looked at.
    /// </summary>
    public async Task WaitForHistoryAsync(Func<JsonObject, bool>? condition = null)
    {
        await CatchUpAsync();
        condition ??= h => h["state"]!.GetValue<string>() == "up" && h["bufferedPoints"]!.GetValue<int>() == 0 && h["unsavedChanges"]!.GetValue<int>() == 0;
        var deadline = DateTime.UtcNow + Patience;
        JsonObject health;
        while (!condition(health = await HealthAsync("history")))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"History never reached the expected state: {health.ToJsonString()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// A history read: every grain hands over what it folded, and the history store gets it. While the store is down
    /// the answer is 503, but the grains have handed over all the same.
    /// </summary>
    public async Task CatchUpAsync()
    {
        var to = DateTimeOffset.UtcNow.AddHours(1);
        var from = to.AddDays(-1);
        using var response = await Http.GetAsync($"/api/v1/history/city?kpi=dossier.received&from={Uri.EscapeDataString(WireEvents.Stamp(from))}&to={Uri.EscapeDataString(WireEvents.Stamp(to))}&step=1h");
        if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    public void Dispose()
    {
        Http.Dispose();
        process.Dispose();
    }

    /// <summary>
    /// A mixed batch across four wards and an agency, a minute ago: dossiers (two in three online), calls, and
    /// agency-only documents. Returns the events and how many of them are dossiers.
    /// </summary>
    public static List<JsonObject> Events(string prefix, int count, DateTimeOffset at)
    {
        string[] wards = ["00070", "00082", "00004", "00008"];
        return Enumerable.Range(0, count).Select(i => (i % 5) switch
        {
            0 or 1 => WireEvents.Received($"{prefix}-{i}", at, "online", unit: wards[i % 4]),
            2 => WireEvents.Received($"{prefix}-{i}", at, "in_person", unit: wards[i % 4], agency: "VPTU"),
            3 => WireEvents.Call($"{prefix}-{i}", at, answered: i % 2 == 0, wait: 12, handle: 90),
            _ => Document($"{prefix}-{i}", at),
        }).ToList();
    }

    public static int Dossiers(int count) => Enumerable.Range(0, count).Count(i => i % 5 < 3);

    private static JsonObject Document(string id, DateTimeOffset at)
    {
        var e = WireEvents.Common(id, "document.processed", at, null, "VPTU");
        e["digital"] = true;
        e["signedDigitally"] = id.GetHashCode() % 2 == 0;
        return e;
    }

    private static HttpClient Client(AppProcess app)
    {
        var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(ApiKeyValidator.HeaderName, ApiKeyValidator.DevelopmentKey);
        return client;
    }
}
