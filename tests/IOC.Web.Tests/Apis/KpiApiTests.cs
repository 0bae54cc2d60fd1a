using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IOC.Web.Tests.Apis;

/// <summary>Each test here starts from an empty inbox so figures can be asserted exactly.</summary>
public class KpiApiTests : IDisposable
{
    private readonly IocWebFactory _factory = new();

    private static DateTimeOffset Now => TestClock.RecentToday(1);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task CityOnlineRateIsOnlineOverReceivedWithTargetAndStatus()
    {
        var client = _factory.CreateProducer();
        await client.PostAsync(
            WireEvents.Received("a", Now, "online"),
            WireEvents.Received("b", Now, "online", unit: "00070"),
            WireEvents.Received("c", Now, "online", unit: "00004"),
            WireEvents.Received("d", Now, "in_person", unit: "00004"));

        var city = await client.GetFromJsonAsync<JsonObject>("/api/v1/kpi/city?window=today");

        city!["unit"]!.GetValue<string>().Should().Be("01");
        city["window"]!.GetValue<string>().Should().Be("today");
        city["asOf"]!.GetValue<string>().Should().EndWith("+07:00", "times are shown in Vietnam time");
        var online = city["kpis"]!["dossier.onlineRate"]!;
        online["value"]!.GetValue<double>().Should().Be(75.0);
        online["numerator"]!.GetValue<double>().Should().Be(3);
        online["denominator"]!.GetValue<long>().Should().Be(4);
        online["target"]!.GetValue<double>().Should().Be(60);
        online["direction"]!.GetValue<string>().Should().Be(">=");
        online["status"]!.GetValue<string>().Should().Be("met");
        city["kpis"]!["dossier.received"]!.AsObject().Should().NotContainKey("numerator");
    }

    [Fact]
    public async Task ARateWithNothingToDivideByIsNullNotZero()
    {
        var client = _factory.CreateProducer();

        var raw = await client.GetStringAsync("/api/v1/kpi/units/00082?window=today");
        var ward = JsonNode.Parse(raw)!;

        ward["kpis"]!["hotline.answerRate"]!["value"].Should().BeNull();
        ward["kpis"]!["hotline.answerRate"]!["status"]!.GetValue<string>().Should().Be("none");
        raw.Should().Contain("\"hotline.answerRate\":{\"value\":null");
        raw.Should().Contain("\"direction\":\">=\"");
    }

    [Fact]
    public async Task WardAnswerHasItsOfficialNameAndHotlineRatesExcludeShortAbandons()
    {
        var client = _factory.CreateProducer();
        await client.PostAsync(
            WireEvents.Call("c1", Now, answered: true, wait: 10, handle: 200),
            WireEvents.Call("c2", Now, answered: true, wait: 30, handle: 400),
            WireEvents.Call("c3", Now, answered: false, wait: 3),
            WireEvents.Call("c4", Now, answered: false, wait: 45));

        var ward = await client.GetFromJsonAsync<JsonObject>("/api/v1/kpi/units/00082");
        var kpis = ward!["kpis"]!;

        ward["name"]!.GetValue<string>().Should().Be("Phường Cửa Nam");
        kpis["hotline.offered"]!["value"]!.GetValue<double>().Should().Be(3);
        kpis["hotline.answerRate"]!["value"]!.GetValue<double>().Should().Be(66.67);
        kpis["hotline.abandonmentRate"]!["value"]!.GetValue<double>().Should().Be(33.33);
        kpis["hotline.serviceLevel"]!["value"]!.GetValue<double>().Should().Be(33.33);
        kpis["hotline.avgSpeedOfAnswerSeconds"]!["value"]!.GetValue<double>().Should().Be(20);
        kpis["hotline.avgHandleSeconds"]!["value"]!.GetValue<double>().Should().Be(300);
    }

    [Fact]
    public async Task AgencyOnlyEventsCountForTheAgencyAndTheCity()
    {
        var client = _factory.CreateProducer();
        await client.PostAsync(WireEvents.Received("ag1", Now, agency: "TTPVHCC"), WireEvents.Received("ag2", Now, agency: "TTPVHCC", unit: "00082"));

        var agency = await client.GetFromJsonAsync<JsonObject>("/api/v1/kpi/agencies/TTPVHCC");
        var city = await client.GetFromJsonAsync<JsonObject>("/api/v1/kpi/city");
        var ward = await client.GetFromJsonAsync<JsonObject>("/api/v1/kpi/units/00082");

        agency!["kpis"]!["dossier.received"]!["value"]!.GetValue<double>().Should().Be(2);
        ward!["kpis"]!["dossier.received"]!["value"]!.GetValue<double>().Should().Be(1);
        city!["kpis"]!["dossier.received"]!["value"]!.GetValue<double>().Should().Be(2);
    }

    [Fact]
    public async Task ListsCoverEveryWardAndEveryAgency()
    {
        var client = _factory.CreateClient();

        var wards = await client.GetFromJsonAsync<JsonObject>("/api/v1/kpi/units?window=mtd");
        var agencies = await client.GetFromJsonAsync<JsonObject>("/api/v1/kpi/agencies?window=ytd");

        wards!["window"]!.GetValue<string>().Should().Be("mtd");
        wards["units"]!.AsArray().Should().HaveCount(126);
        agencies!["units"]!.AsArray().Select(u => u!["unit"]!.GetValue<string>())
            .Should().BeEquivalentTo("VPTU", "VPDDBQH-HDND", "VPUBND", "TTPVHCC");
    }

    [Theory]
    [InlineData("/api/v1/kpi/units/99999", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/kpi/agencies/NOPE", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/kpi/city?window=week", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/kpi/units/00082?window=2h", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/kpi/city?window=60m", HttpStatusCode.OK)]
    public async Task UnknownUnitsAre404AndBadWindowsAre400(string url, HttpStatusCode expected)
    {
        var client = _factory.CreateClient();

        var response = await client.GetAsync(url);

        response.StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task HealthReportsTheInboxTheGrainsAndTheAccessAndAlertStores()
    {
        var client = _factory.CreateClient();

        var response = await client.GetAsync("/health");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body!["status"]!.GetValue<string>().Should().Be("Healthy");
        body["checks"]!["inbox"]!["data"]!["path"]!.GetValue<string>().Should().StartWith(_factory.DataDir);
        body["checks"]!["grains"]!["data"]!["activations"]!.GetValue<int>().Should().BeGreaterThan(131, "126 wards, 4 agencies, the city's direct work and the city stay active");
        body["checks"]!["grains"]!["data"]!["silos"]!.GetValue<int>().Should().Be(1);
        body["checks"]!["grains"]!["data"]!["unitsHere"]!.GetValue<int>().Should().Be(132, "one node holds every unit: 126 wards, 4 agencies, the city's direct work and the city");

        // The embedded default's access and alert stores: their files in the data folder, reachable.
        foreach (var (check, file) in new[] { ("access", "access.db"), ("alerts", "alerts.db") })
        {
            body["checks"]![check]!["status"]!.GetValue<string>().Should().Be("Healthy");
            body["checks"]![check]!["data"]!["store"]!.GetValue<string>().Should().Be("sqlite");
            body["checks"]![check]!["data"]!["location"]!.GetValue<string>().Should().Be(Path.Combine(_factory.DataDir, file));
        }
    }

    [Fact]
    public async Task TheOrleansDashboardShowsTheSiloToOperators()
    {
        var client = _factory.CreateClient();

        var page = await client.GetStringAsync("/ops/orleans/");
        JsonObject? counters = null;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((counters = await client.GetFromJsonAsync<JsonObject>("/ops/orleans/DashboardCounters"))!["totalActivationCount"]!.GetValue<int>() == 0)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the dashboard collects its counters every second");
            await Task.Delay(200);
        }

        page.Should().Contain("<title>Orleans Dashboard</title>");
        counters["totalActivationCount"]!.GetValue<int>().Should().BeGreaterThan(131);
        counters.ToJsonString().Should().Contain("127.0.0.1", "the one silo of the embedded default, on loopback");
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheApi()
    {
        var client = _factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var paths = document!["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.Should().Contain(["/api/v1/events", "/api/v1/kpi/city", "/api/v1/kpi/units/{code}", "/api/v1/kpi/agencies/{code}"]);
    }
}
