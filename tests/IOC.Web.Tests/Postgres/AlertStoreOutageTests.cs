using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IOC.Ingestion.Tests.Inbox.Postgres;
using IOC.Web.Security;

namespace IOC.Web.Tests.Postgres;

/// <summary>
/// The access and alert stores in a real PostgreSQL (scripts/postgres.sh, a server of this class's own) that is stopped
/// by its PID and started again: /health names both stores while it is down; a duty officer's action answers 503 with
/// Retry-After naming the alert store and changes nothing; the transitions the rules make meanwhile are kept and
/// written, in order, once the server is back. The inbox stays in SQLite here, so events go on arriving.
/// </summary>
public sealed class AlertStoreOutageTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private const string Id = "test-satisfaction:ward:00082";

    private static DateTimeOffset Now => TestClock.RecentToday(1);

    private string ServerAddress => $"127.0.0.1:{new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString).Port}";

    [Fact]
    public async Task HealthNamesTheAccessAndAlertStoresUnhealthyWhilePostgresIsDownAndHealthyAgainAfterItRestarts()
    {
        using var factory = new OutageFactory(await server.NewDatabaseAsync());
        var client = factory.CreateClient();
        var before = await HealthAsync(client);
        Status(before, "access").Should().Be("Healthy");
        Status(before, "alerts").Should().Be("Healthy");
        before["checks"]!["alerts"]!["data"]!["location"]!.GetValue<string>().Should().Contain($"PostgreSQL {ServerAddress}/");

        await server.StopAsync();
        JsonObject down;
        try
        {
            down = await WaitHealthAsync(client, h => Status(h, "access") == "Unhealthy" && Status(h, "alerts") == "Unhealthy");
        }
        finally
        {
            await server.StartAsync();
        }

        down["status"]!.GetValue<string>().Should().Be("Unhealthy");
        foreach (var check in new[] { "access", "alerts" })
        {
            down["checks"]![check]!["description"]!.GetValue<string>().Should().Contain($"PostgreSQL {ServerAddress}/").And.Contain("unreachable: ");
        }

        await WaitHealthAsync(client, h => Status(h, "access") == "Healthy" && Status(h, "alerts") == "Healthy");
    }

    [Fact]
    public async Task WhileTheAlertStoreIsDownActionsAnswer503AndTheRulesTransitionsAreWrittenInOrderOnceItIsBack()
    {
        using var factory = new OutageFactory(await server.NewDatabaseAsync());
        var client = factory.CreateProducer();
        (await client.PostAsJsonAsync("/api/v1/alerts/rules", new { by = "admin", rule = Rule(95) })).StatusCode.Should().Be(HttpStatusCode.Created);
        // A page served before the outage, as on a running node: the cookies' key ring (in the access store) is read
        // once and kept, so pages still render while the server is down.
        (await client.GetStringAsync("/alerts?lang=vi")).Should().NotContain("data-store-down");

        await server.StopAsync();
        try
        {
            // The rule fires on events that arrive while the store is down: the board (memory) shows it.
            (await client.PostAsync(
                WireEvents.Survey("s1", Now, "satisfied"), WireEvents.Survey("s2", Now, "very_satisfied"),
                WireEvents.Survey("s3", Now, "dissatisfied"), WireEvents.Survey("s4", Now, "very_dissatisfied"))).EnsureSuccessStatusCode();
            await WaitUntilAsync(async () => (await AlertAsync(client))?["state"]?.GetValue<string>() == "firing");

            // A person's actions are refused, naming the store, and change nothing.
            var ack = await client.PostAsJsonAsync($"/api/v1/alerts/{Id}/ack", new { by = "Trực ban Hà", note = "Đã gọi phường" });
            await ShouldBeStoreDownAsync(ack);
            await ShouldBeStoreDownAsync(await client.PostAsJsonAsync("/api/v1/alerts/silences", new { ruleId = "test-satisfaction", minutes = 60, reason = "bảo trì", by = "Hà" }));
            await ShouldBeStoreDownAsync(await client.PutAsJsonAsync("/api/v1/alerts/rules/test-satisfaction", new { by = "admin", rule = Rule(90) }));
            await ShouldBeStoreDownAsync(await client.GetAsync("/api/v1/alerts/history"));
            (await AlertAsync(client))!["ack"].Should().BeNull("the refused acknowledgement was not done");
            (await client.GetFromJsonAsync<JsonArray>("/api/v1/alerts/silences"))!.Should().BeEmpty();
            (await client.GetFromJsonAsync<JsonArray>("/api/v1/alerts/rules"))!.Single(r => r!["id"]!.GetValue<string>() == "test-satisfaction")!["threshold"]!.GetValue<double>().Should().Be(95);

            // The /alerts page says why it shows no history, in Vietnamese, instead of failing.
            var page = await client.GetStringAsync("/alerts?lang=vi");
            page.Should().Contain("data-store-down").And.Contain("Kho lưu cảnh báo (PostgreSQL " + ServerAddress);

            // The alert resolves while the store is still down: both transitions wait in memory, in order.
            (await client.PostAsync([.. Enumerable.Range(0, 60).Select(i => WireEvents.Survey($"ok{i}", Now, "satisfied"))])).EnsureSuccessStatusCode();
            await WaitUntilAsync(async () => await AlertAsync(client) is null);
            var health = await WaitHealthAsync(client, h => h["checks"]!["alerts"]!["data"]!["unwrittenChanges"]!.GetValue<int>() >= 2);
            Status(health, "alerts").Should().Be("Unhealthy");
        }
        finally
        {
            await server.StartAsync();
        }

        JsonArray? history = null;
        await WaitUntilAsync(async () =>
        {
            var response = await client.GetAsync("/api/v1/alerts/history?rule=test-satisfaction");
            history = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonArray>() : null;
            return history?.Count >= 2;
        });
        var changes = history!.Select(h => h!["change"]!.GetValue<string>()).Reverse().ToList();
        changes.First().Should().Be("firing");
        changes.Last().Should().Be("normal", "the resolution was recorded after the firing: " + string.Join(", ", changes));
        history!.Select(h => h!["seq"]!.GetValue<long>()).Should().BeInDescendingOrder();
        (await WaitHealthAsync(client, h => Status(h, "alerts") == "Healthy"))["checks"]!["alerts"]!["data"]!["droppedChanges"]!.GetValue<long>().Should().Be(0);

        // Once the store is back a duty officer's action works again.
        (await client.PostAsJsonAsync("/api/v1/alerts/silences", new { ruleId = "test-satisfaction", minutes = 60, reason = "bảo trì", by = "Hà" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
    }

    private async Task ShouldBeStoreDownAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, body);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
        var problem = JsonNode.Parse(body)!;
        problem["title"]!.GetValue<string>().Should().Be("Alert store unavailable");
        problem["detail"]!.GetValue<string>().Should().Contain($"The alert store (PostgreSQL {ServerAddress}/").And.Contain("Nothing was changed");
    }

    private static object Rule(double threshold) => new
    {
        id = "test-satisfaction", nameVi = "Hài lòng thấp", nameEn = "Low satisfaction", kpi = "satisfaction.rate", scope = "ward", unit = "00082",
        window = "today", condition = "below", threshold, minDenominator = 3, severity = "critical",
    };

    private static async Task<JsonObject?> AlertAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonArray>("/api/v1/alerts"))!.OfType<JsonObject>().FirstOrDefault(a => a["id"]!.GetValue<string>() == Id);

    private static string Status(JsonObject health, string check) => health["checks"]![check]!["status"]!.GetValue<string>();

    private static async Task<JsonObject> HealthAsync(HttpClient client) =>
        JsonNode.Parse(await (await client.GetAsync("/health")).Content.ReadAsStringAsync())!.AsObject();

    private static async Task<JsonObject> WaitHealthAsync(HttpClient client, Func<JsonObject, bool> match)
    {
        JsonObject? health = null;
        await WaitUntilAsync(async () => match(health = await HealthAsync(client)));
        return health!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the change should show within 30 s");
            await Task.Delay(200);
        }
    }

    /// <summary>The test host with the access and alert stores in the database, the inbox in SQLite.</summary>
    private sealed class OutageFactory(string database) : IocWebFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Storage:Access"] = "postgres",
            ["ConnectionStrings:Access"] = database,
            ["Storage:Alerts"] = "postgres",
            ["ConnectionStrings:Alerts"] = database,
            ["Access:SyncMilliseconds"] = "500",
        };
    }
}
