using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IOC.Web.Security;

namespace IOC.Web.Tests.Durability;

public class CrashRestartTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("ioc-crash-test-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task EveryAcknowledgedEventIsCountedExactlyOnceAfterKillNineAndRestart()
    {
        var now = TestClock.RecentToday(1);
        var batches = Enumerable.Range(0, 5)
            .Select(b => Enumerable.Range(0, 200).Select(i => WireEvents.Received($"crash-{b}-{i}", now, i % 3 == 0 ? "in_person" : "online", unit: Wards[i % Wards.Length])).ToArray())
            .ToArray();
        JsonNode beforeKpis;
        var acknowledged = 0;
        using (var first = await AppProcess.StartAsync(_dataDir, TimeSpan.FromSeconds(60)))
        {
            using var client = Producer(first);
            foreach (var batch in batches)
            {
                var answer = await (await client.PostAsync(batch)).Content.ReadFromJsonAsync<JsonObject>();
                acknowledged += answer!["accepted"]!.GetValue<int>();
            }

            beforeKpis = (await client.GetFromJsonAsync<JsonObject>("/api/v1/kpi/city?window=ytd"))!["kpis"]!.DeepClone();
            first.Kill();
        }

        using var second = await AppProcess.StartAsync(_dataDir, TimeSpan.FromSeconds(60));
        using var again = Producer(second);
        var after = await again.GetFromJsonAsync<JsonObject>("/api/v1/kpi/city?window=ytd");
        var retry = await (await again.PostAsync(batches[0])).Content.ReadFromJsonAsync<JsonObject>();
        var afterRetry = await again.GetFromJsonAsync<JsonObject>("/api/v1/kpi/city?window=ytd");

        acknowledged.Should().Be(1000);
        after!["kpis"]!["dossier.received"]!["value"]!.GetValue<double>().Should().Be(1000);
        after["kpis"]!["dossier.onlineRate"]!["numerator"]!.GetValue<double>().Should().Be(665);
        JsonNode.DeepEquals(after["kpis"], beforeKpis).Should().BeTrue("the restart must show the same KPIs as before the kill");
        retry!["duplicates"]!.GetValue<int>().Should().Be(200);
        afterRetry!["kpis"]!["dossier.received"]!["value"]!.GetValue<double>().Should().Be(1000);
    }

    private static readonly string[] Wards = ["00070", "00082", "00004", "00008"];

    private static HttpClient Producer(AppProcess app)
    {
        var client = new HttpClient { BaseAddress = app.Address };
        client.DefaultRequestHeaders.Add(ApiKeyValidator.HeaderName, ApiKeyValidator.DevelopmentKey);
        return client;
    }
}
