using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IOC.Web.Tests.Alerts;

/// <summary>
/// Alerts through the API of the real app: a rule added, events that break it, the alert firing with its sentence,
/// acknowledged, silenced, resolved when its rule is disabled, and still there after a restart.
/// </summary>
public class AlertsApiTests : IDisposable
{
    private const string Id = "test-satisfaction:ward:00082";
    private readonly IocWebFactory _factory;

    public AlertsApiTests() => _factory = NewFactory();

    private static DateTimeOffset Now => TestClock.RecentToday(1);

    public void Dispose()
    {
        _factory.Dispose();
        if (Directory.Exists(_factory.DataDir))
        {
            Directory.Delete(_factory.DataDir, recursive: true);
        }
    }

    [Fact]
    public async Task TheShippedRulesAreListedFromTheSeedFile()
    {
        var client = _factory.CreateClient();

        var rules = await client.GetFromJsonAsync<JsonArray>("/api/v1/alerts/rules");

        rules!.Select(r => r!["id"]!.GetValue<string>()).Should().Contain(["hotline-abandonment-60m", "ward-ontime-today", "ward-feed-silent-30m", "ward-satisfaction-mtd"]);
        var ontime = rules!.Single(r => r!["id"]!.GetValue<string>() == "ward-ontime-today")!;
        (ontime["scope"]!.GetValue<string>(), ontime["window"]!.GetValue<string>(), ontime["condition"]!.GetValue<string>(), ontime["minDenominator"]!.GetValue<long>())
            .Should().Be(("wards", "today", "missed", 10L));
    }

    [Fact]
    public async Task ARuleWithWrongFieldsIsRefusedNamingEachField()
    {
        var client = _factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/alerts/rules", new
        {
            by = "admin",
            rule = new { id = "x", nameVi = "x", nameEn = "x", kpi = "dossier.nope", scope = "everywhere", window = "60m", condition = "above", threshold = 1, severity = "warning" },
        });
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        problem!["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["kpi", "scope"]);
        problem["errors"]!["kpi"]![0]!.GetValue<string>().Should().Contain("unknown KPI id 'dossier.nope'");
    }

    [Fact]
    public async Task AnAlertFiresAcknowledgesSilencesResolvesAndIsInTheHistory()
    {
        var client = _factory.CreateProducer();
        await AddRuleAsync(client);

        await client.PostAsync(
            WireEvents.Survey("s1", Now, "satisfied"), WireEvents.Survey("s2", Now, "very_satisfied"),
            WireEvents.Survey("s3", Now, "dissatisfied"), WireEvents.Survey("s4", Now, "very_dissatisfied"));
        var firing = await WaitForAsync(client, a => a["state"]!.GetValue<string>() == "firing");

        firing["sentenceVi"]!.GetValue<string>().Should().StartWith("Phường Cửa Nam: tỷ lệ hài lòng hôm nay 50% (2/4), ngưỡng dưới 95%, từ ");
        firing["severity"]!.GetValue<string>().Should().Be("critical");
        (firing["numerator"]!.GetValue<double>(), firing["denominator"]!.GetValue<long>()).Should().Be((2d, 4L));

        var ack = await client.PostAsJsonAsync($"/api/v1/alerts/{Id}/ack", new { by = "Trực ban Hà", note = "Đã gọi phường" });
        ack.StatusCode.Should().Be(HttpStatusCode.OK);
        var listed = await WaitForAsync(client, a => a["ack"] is JsonObject);
        listed["ack"]!["by"]!.GetValue<string>().Should().Be("Trực ban Hà");

        var silence = await client.PostAsJsonAsync("/api/v1/alerts/silences", new { ruleId = "test-satisfaction", unitLevel = "ward", unitCode = "00082", minutes = 60, reason = "Phường đang bảo trì", by = "Trực ban Hà" });
        silence.StatusCode.Should().Be(HttpStatusCode.Created);
        await WaitForAsync(client, a => a["silencedBy"] is not null);

        var disable = await client.PostAsJsonAsync("/api/v1/alerts/rules/test-satisfaction/disable", new { by = "admin" });
        disable.StatusCode.Should().Be(HttpStatusCode.OK);
        await WaitUntilAsync(async () => (await client.GetFromJsonAsync<JsonArray>("/api/v1/alerts"))!.All(a => a!["id"]!.GetValue<string>() != Id));

        var history = await WaitHistoryAsync(client, 4);
        history.Select(h => h!["change"]!.GetValue<string>()).Reverse().Should().ContainInOrder("firing", "acknowledged", "silenced", "removed");
        var csv = await client.GetStringAsync("/api/v1/alerts/history?unit=ward:00082&format=csv");
        csv.Should().Contain("Trực ban Hà").And.Contain("Phường Cửa Nam");
    }

    [Fact]
    public async Task AFiringAlertAndItsAcknowledgementSurviveARestart()
    {
        var client = _factory.CreateProducer();
        await AddRuleAsync(client);
        await client.PostAsync(WireEvents.Survey("s1", Now, "satisfied"), WireEvents.Survey("s2", Now, "dissatisfied"), WireEvents.Survey("s3", Now, "dissatisfied"));
        await WaitForAsync(client, a => a["state"]!.GetValue<string>() == "firing");
        (await client.PostAsJsonAsync($"/api/v1/alerts/{Id}/ack", new { by = "Hà" })).EnsureSuccessStatusCode();
        var before = await WaitHistoryAsync(client, 2);
        _factory.Dispose();

        using var restarted = Restart(_factory);
        var again = restarted.CreateClient();
        var alert = await WaitForAsync(again, a => a["state"]!.GetValue<string>() == "firing");

        alert["ack"]!["by"]!.GetValue<string>().Should().Be("Hà");
        alert["episode"]!.GetValue<long>().Should().Be(1);
        (await again.GetFromJsonAsync<JsonArray>("/api/v1/alerts/history?rule=test-satisfaction"))!.Count.Should().Be(before.Count, "nothing moved: no new transition was recorded");
    }

    [Fact]
    public async Task AcknowledgingNeedsWhoAndAnAlertThatIsOpen()
    {
        var client = _factory.CreateClient();

        var unknown = await client.PostAsJsonAsync("/api/v1/alerts/ward-ontime-today:ward:00082/ack", new { by = "Hà" });
        var nobody = await client.PostAsJsonAsync("/api/v1/alerts/ward-ontime-today:ward:00082/ack", new { note = "x" });

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        nobody.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await nobody.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["by"]![0]!.GetValue<string>().Should().Contain("required");
    }

    private static async Task AddRuleAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/v1/alerts/rules", new
        {
            by = "admin",
            rule = new
            {
                id = "test-satisfaction", nameVi = "Hài lòng thấp", nameEn = "Low satisfaction", kpi = "satisfaction.rate", scope = "ward", unit = "00082",
                window = "today", condition = "below", threshold = 95, minDenominator = 3, severity = "critical",
            },
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    private static async Task<JsonObject> WaitForAsync(HttpClient client, Func<JsonObject, bool> match)
    {
        JsonObject? found = null;
        await WaitUntilAsync(async () =>
        {
            var alerts = await client.GetFromJsonAsync<JsonArray>("/api/v1/alerts");
            found = alerts!.OfType<JsonObject>().FirstOrDefault(a => a["id"]!.GetValue<string>() == Id && match(a));
            return found is not null;
        });
        return found!;
    }

    private static async Task<JsonArray> WaitHistoryAsync(HttpClient client, int count)
    {
        JsonArray? history = null;
        await WaitUntilAsync(async () =>
        {
            history = await client.GetFromJsonAsync<JsonArray>("/api/v1/alerts/history?rule=test-satisfaction");
            return history!.Count >= count;
        });
        return history!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the alert should have moved within 15 s");
            await Task.Delay(100);
        }
    }

    /// <summary>The app (the PostgreSQL contract's subclass puts its stores in PostgreSQL).</summary>
    protected virtual IocWebFactory NewFactory() => new() { KeepDataDir = true };

    /// <summary>The app again on the same stores (here: the same data folder).</summary>
    protected virtual IocWebFactory Restart(IocWebFactory before) => new SameDataDir(before.DataDir);

    private sealed class SameDataDir(string dir) : IocWebFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings) { ["Storage:DataDir"] = dir };
    }
}
