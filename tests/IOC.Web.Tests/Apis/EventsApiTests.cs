using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace IOC.Web.Tests.Apis;

public class EventsApiTests : IClassFixture<IocWebFactory>
{
    private readonly IocWebFactory _factory;

    public EventsApiTests(IocWebFactory factory) => _factory = factory;

    private static DateTimeOffset Now => TestClock.RecentToday(1);

    [Fact]
    public async Task ValidEventsAreAcceptedWhileInvalidOnesAreRejectedWithIndexFieldAndReason()
    {
        var client = _factory.CreateProducer();
        var prefix = Guid.NewGuid().ToString("N");
        var good = WireEvents.Received($"{prefix}-1", Now);
        var unknownUnit = WireEvents.Received($"{prefix}-2", Now, unit: "99999");
        var future = WireEvents.Received($"{prefix}-3", DateTimeOffset.UtcNow.AddMinutes(10));
        var negative = WireEvents.Call($"{prefix}-4", Now, answered: false, wait: -3);

        var response = await client.PostAsync(good, unknownUnit, future, negative);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        body!["accepted"]!.GetValue<int>().Should().Be(1);
        body["duplicates"]!.GetValue<int>().Should().Be(0);
        var rejected = body["rejected"]!.AsArray();
        rejected.Select(r => (r!["index"]!.GetValue<int>(), r["field"]!.GetValue<string>()))
            .Should().Equal((1, "unit"), (2, "at"), (3, "waitSeconds"));
        rejected[0]!["id"]!.GetValue<string>().Should().Be($"{prefix}-2");
        rejected[0]!["reason"]!.GetValue<string>().Should().Contain("99999");
    }

    [Fact]
    public async Task RetryingABatchCountsItsEventsAsDuplicatesNeverTwice()
    {
        var client = _factory.CreateProducer();
        var ward = "00070";
        var before = await ReceivedAsync(client, ward);
        var events = Enumerable.Range(0, 5).Select(i => WireEvents.Received($"retry-{Guid.NewGuid():N}", Now, unit: ward)).ToArray();

        var first = await (await client.PostAsync(events)).Content.ReadFromJsonAsync<JsonObject>();
        var second = await (await client.PostAsync(events)).Content.ReadFromJsonAsync<JsonObject>();

        first!["accepted"]!.GetValue<int>().Should().Be(5);
        second!["accepted"]!.GetValue<int>().Should().Be(0);
        second["duplicates"]!.GetValue<int>().Should().Be(5);
        (await ReceivedAsync(client, ward)).Should().Be(before + 5);
    }

    [Fact]
    public async Task NdjsonBodiesAreAccepted()
    {
        var client = _factory.CreateProducer();
        var lines = string.Join("\n", Enumerable.Range(0, 3).Select(i => WireEvents.Received($"nd-{Guid.NewGuid():N}", Now).ToJsonString())) + "\n";

        var response = await client.PostAsync("/api/v1/events", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task AnUnparseableBodyIs400AndKeepsNothing()
    {
        var client = _factory.CreateProducer();
        var ward = "00004";
        var before = await ReceivedAsync(client, ward);
        var valid = WireEvents.Received($"bad-{Guid.NewGuid():N}", Now, unit: ward).ToJsonString();

        var response = await client.PostAsync("/api/v1/events", new StringContent($"[{valid}, {{\"id\": ", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("not valid JSON");
        (await ReceivedAsync(client, ward)).Should().Be(before);
    }

    [Fact]
    public async Task MissingOrWrongApiKeyIs401()
    {
        var anonymous = _factory.CreateProducer(key: null);
        var wrong = _factory.CreateProducer(key: "not-the-key");
        var e = WireEvents.Received($"auth-{Guid.NewGuid():N}", Now);

        var missing = await anonymous.PostAsync(e);
        var refused = await wrong.PostAsync(e);

        missing.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await missing.Content.ReadAsStringAsync()).Should().Contain("Missing X-Api-Key");
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task MoreEventsThanTheLimitIs413()
    {
        var client = _factory.CreateProducer();
        var events = Enumerable.Range(0, 10_001).Select(i => new JsonObject { ["id"] = $"x{i}" }).ToArray();

        var response = await client.PostAsync(events);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).Should().Contain("10000");
    }

    [Fact]
    public async Task ABodyOverTheByteLimitIs413()
    {
        var client = _factory.CreateProducer();
        var huge = new string('x', 9 * 1024 * 1024);

        var response = await client.PostAsync("/api/v1/events", new StringContent($"[\"{huge}\"]", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task AMissingOrWrongContentTypeIs415WithAProblemThatSaysWhatToSend(string? contentType)
    {
        var client = _factory.CreateProducer();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(new JsonArray(WireEvents.Received($"ct-{Guid.NewGuid():N}", Now)).ToJsonString()));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await client.PostAsync("/api/v1/events", content);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        problem!["status"]!.GetValue<int>().Should().Be(415);
        problem["detail"]!.GetValue<string>().Should().Contain(contentType is null ? "no Content-Type" : contentType.Contains("charset") ? "UTF-8" : "application/x-ndjson");
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/jsonl")]
    public async Task Utf8CharsetAndJsonLinesAreRead(string contentType)
    {
        var client = _factory.CreateProducer();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(WireEvents.Received($"cs-{Guid.NewGuid():N}", Now).ToJsonString()));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await client.PostAsync("/api/v1/events", content);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task EveryFieldErrorOfAnItemIsListedUnderErrorsWithTheFirstAlsoAsFieldAndReason()
    {
        var client = _factory.CreateProducer();
        var bad = WireEvents.Received($"many-{Guid.NewGuid():N}", Now);
        bad["channel"] = "fax";
        bad["procedure"] = "=1+2";
        bad.Remove("unit");
        bad["unti"] = WireEvents.Ward;

        var response = await client.PostAsync(bad);

        var rejected = (await response.Content.ReadFromJsonAsync<JsonObject>())!["rejected"]![0]!;
        rejected["field"]!.GetValue<string>().Should().Be("unit");
        rejected["errors"]!.AsArray().Select(e => $"{e!["field"]}: {e["reason"]}").Should().Equal(
            "unit: is required (a 5-digit ward code) unless 'agency' is given",
            "unti: is not a field of dossier.received events; did you mean 'unit'?",
            "procedure: '=1+2' is not a national procedure code: a digit, a dot and six digits (1.001612), optionally with the publishing agency's code (1.001612.000.00.00.H26)",
            "channel: 'fax' is not one of online, in_person, postal");
    }

    [Fact]
    public async Task AnEventOlderThan400DaysIsRejectedOnAt()
    {
        var client = _factory.CreateProducer();

        var response = await client.PostAsync(WireEvents.Received($"old-{Guid.NewGuid():N}", DateTimeOffset.UtcNow.AddDays(-401)));

        var rejected = (await response.Content.ReadFromJsonAsync<JsonObject>())!["rejected"]![0]!;
        rejected["field"]!.GetValue<string>().Should().Be("at");
        rejected["reason"]!.GetValue<string>().Should().Be("is more than 400 days old (Ingestion:MaxEventAgeDays)");
    }

    [Fact]
    public async Task EveryErrorAnswerOfTheEventsApiIsAProblemWithAReason()
    {
        var client = _factory.CreateProducer();
        var anonymous = _factory.CreateProducer(key: null);

        var answers = new[]
        {
            await anonymous.PostAsync(WireEvents.Received($"p-{Guid.NewGuid():N}", Now)),
            await client.PostAsync("/api/v1/events", new StringContent("[1,", Encoding.UTF8, "application/json")),
            await client.PostAsync("/api/v1/events", new StringContent("42", Encoding.UTF8, "application/json")),
            await client.PostAsync("/api/v1/events", new StringContent(new string(' ', 9 * 1024 * 1024), Encoding.UTF8, "application/json")),
            await client.PostAsync("/api/v1/events", new StringContent("[]", Encoding.UTF8, "text/csv")),
        };

        answers.Select(a => (int)a.StatusCode).Should().Equal(401, 400, 400, 413, 415);
        foreach (var answer in answers)
        {
            answer.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            var problem = await answer.Content.ReadFromJsonAsync<JsonObject>();
            problem!["title"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
            problem["detail"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        }
    }

    private static async Task<long> ReceivedAsync(HttpClient client, string ward)
    {
        var answer = await client.GetFromJsonAsync<JsonObject>($"/api/v1/kpi/units/{ward}?window=today");
        return answer!["kpis"]!["dossier.received"]!["value"]!.GetValue<long>();
    }
}
