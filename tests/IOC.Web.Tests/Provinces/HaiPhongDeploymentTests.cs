using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Seed;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Ingestion.Parsing;
using IOC.Ingestion.Simulation;
using IOC.Tests.Shared;

namespace IOC.Web.Tests.Provinces;

/// <summary>The whole app deployed for Hải Phòng (Ioc:Province=31): its units, its names, its KPIs on a simulated day.</summary>
public sealed class HaiPhongDeploymentTests : IDisposable
{
    private readonly HaiPhongFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task TheUnitsAreHaiPhongAndIts114CommunesWithTheirProvince()
    {
        var client = _factory.CreateClient();

        var units = (await client.GetFromJsonAsync<JsonArray>("/api/v1/units"))!.Select(u => u!.AsObject()).ToList();

        units[0]["code"]!.GetValue<string>().Should().Be("31");
        units[0]["name"]!.GetValue<string>().Should().Be("Thành phố Hải Phòng");
        units[0]["nameEn"]!.GetValue<string>().Should().Be("Hai Phong City");
        units[0]["level"]!.GetValue<string>().Should().Be("city");
        var wards = units.Where(u => u["level"]!.GetValue<string>() == "ward").ToList();
        wards.Should().HaveCount(114);
        wards.Should().OnlyContain(w => w["province"]!.GetValue<string>() == "31");
        wards.Should().ContainSingle(w => w["code"]!.GetValue<string>() == "11446").Which["name"]!.GetValue<string>().Should().Be("Phường Phù Liễn");
        units.Should().NotContain(u => u["level"]!.GetValue<string>() == "agency", "Hải Phòng entered no agencies");
    }

    [Fact]
    public async Task TheCityIsHaiPhongAndHanoisWardsAreUnknown()
    {
        var client = _factory.CreateClient();

        var city = await client.GetFromJsonAsync<JsonObject>("/api/v1/kpi/city");
        var province = await client.GetFromJsonAsync<JsonObject>("/api/v1/kpi/provinces/31");
        var ward = await client.GetFromJsonAsync<JsonObject>("/api/v1/kpi/units/11629");
        var hanoiWard = await client.GetAsync("/api/v1/kpi/units/00082");
        var country = await client.GetAsync("/api/v1/kpi/country");

        city!["unit"]!.GetValue<string>().Should().Be("31");
        city["name"]!.GetValue<string>().Should().Be("Thành phố Hải Phòng");
        province!["unit"]!.GetValue<string>().Should().Be("31");
        ward!["name"]!.GetValue<string>().Should().Be("Xã An Lão");
        city["kpis"]!["satisfaction.rate"]!["target"]!.GetValue<double>().Should().Be(95, "the national target applies");
        city["kpis"]!["dossier.digitalPlatformRate"]!["target"]!.GetValue<double>().Should().Be(100);
        hanoiWard.StatusCode.Should().Be(HttpStatusCode.NotFound);
        country.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task KpisOfASimulatedDayEqualTheFiguresFoldedFromItsEvents()
    {
        var units = SeedData.LoadUnits(Seed.Directory, DeploymentScope.Parse("31"));
        // The server's "today" is the local day of the real clock: the traffic ends a few seconds ago and starts no
        // earlier than that day's midnight. Just after midnight the day is short: a higher rate still fills it. A
        // minute from either midnight, so that the day holds traffic and stays today while the test runs.
        var clock = TestClock.InsideToday(TimeSpan.FromMinutes(1));
        var now = clock.AddSeconds(-5);
        var startOfToday = VietnamTime.StartOfDay(VietnamTime.LocalDate(clock));
        var from = startOfToday > now.AddHours(-6) ? startOfToday : now.AddHours(-6);
        var rate = now - from < TimeSpan.FromHours(1) ? 20 : 0.5;
        var events = new TrafficGenerator(units, seed: 14, eventsPerSecond: rate).Generate(from, now);
        var client = _factory.CreateProducer();

        foreach (var chunk in events.Chunk(5_000))
        {
            using var body = new ByteArrayContent(EventJson.ToNdjson(chunk));
            body.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            (await client.PostAsync("/api/v1/events", body)).EnsureSuccessStatusCode();
        }

        var city = await client.GetFromJsonAsync<JsonObject>("/api/v1/kpi/city?window=today");

        events.Should().OnlyContain(e => e.Unit == null || units.IsWard(e.Unit!), "the simulator sends Hải Phòng's communes only");
        var expected = default(CounterSet);
        foreach (var e in events)
        {
            EventFolder.Fold(e, ref expected);
        }

        expected[Counter.DossiersReceived].Should().BePositive();
        foreach (var kpi in KpiCatalog.All.Where(k => k.Kind != KpiKind.Gauge))
        {
            var value = city!["kpis"]![kpi.Id]!["value"]?.GetValue<double>();
            value.Should().Be(kpi.Evaluate(expected, default).Value, kpi.Id);
        }
    }

    [Fact]
    public async Task TheWallboardAndTheManifestNameHaiPhongNotHanoi()
    {
        var client = _factory.CreateClient();

        var vietnamese = await client.GetStringAsync("/?lang=vi");
        var english = await client.GetStringAsync("/?lang=en");
        var manifest = await client.GetFromJsonAsync<JsonObject>("/app.webmanifest");

        vietnamese.Should().Contain("Thành phố Hải Phòng").And.Contain("IOC Hải Phòng").And.NotContain("Hà Nội");
        english.Should().Contain("Hai Phong City").And.NotContain("Hanoi");
        manifest!["short_name"]!.GetValue<string>().Should().Be("IOC Hải Phòng");
    }

    private sealed class HaiPhongFactory : IocWebFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            [DeploymentScope.Setting] = "31",
        };
    }
}
