using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace IOC.Web.Tests.Apis;

/// <summary>
/// The reproductions of issue 15's holes 1 and 2: timestamps that broke the history for good, and bytes that are not
/// UTF-8. Each must be refused at the door with a reason, and everything else must keep answering.
/// </summary>
public class PoisonInputTests : IClassFixture<IocWebFactory>
{
    private readonly IocWebFactory _factory;

    public PoisonInputTests(IocWebFactory factory) => _factory = factory;

    private static DateTimeOffset Now => TestClock.RecentToday(1);

    [Fact]
    public async Task AHotlineCallInYearOneIsRejectedOnItsAtAndTheHistoryKeepsAnswering()
    {
        var client = _factory.CreateProducer();
        var poison = WireEvents.Call($"poison-{Guid.NewGuid():N}", Now, answered: true, wait: 3, handle: 60);
        poison["at"] = "0001-01-01T00:00:00Z";

        var response = await client.PostAsync(poison);
        var history = await client.GetAsync(HistoryUrl());

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        body!["accepted"]!.GetValue<int>().Should().Be(0);
        body["rejected"]![0]!["field"]!.GetValue<string>().Should().Be("at");
        history.StatusCode.Should().Be(HttpStatusCode.OK, await history.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ADueAtInYear9999AndACompletedAtInYearOneAreRejectedOnThoseFields()
    {
        var client = _factory.CreateProducer();
        var farDue = WireEvents.Received($"due-{Guid.NewGuid():N}", Now);
        farDue["dueAt"] = "9999-12-31T23:59:59+07:00";
        var ancient = Completed($"done-{Guid.NewGuid():N}", Now);
        ancient["completedAt"] = "0001-01-01T00:00:00+07:00";

        var response = await client.PostAsync(farDue, ancient);
        var history = await client.GetAsync(HistoryUrl());

        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        body!["accepted"]!.GetValue<int>().Should().Be(0);
        body["rejected"]!.AsArray().Select(r => r!["field"]!.GetValue<string>()).Should().Equal("dueAt", "completedAt");
        history.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-ndjson")]
    public async Task BytesThatAreNotUtf8AreA400ProblemThatSaysWhereAndKeepNothing(string contentType)
    {
        var client = _factory.CreateProducer();
        var ward = "00025";
        var before = await ReceivedAsync(client, ward);
        var good = WireEvents.Received($"utf-{Guid.NewGuid():N}", Now, unit: ward).ToJsonString();
        var broken = WireEvents.Received($"utf-{Guid.NewGuid():N}", Now, unit: ward).ToJsonString().Replace("D-", "D-\u00FF", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(contentType == "application/json" ? $"[{good},\n{broken}]" : $"{good}\n{broken}\n");
        var offset = Array.IndexOf(bytes, (byte)0xC3, Encoding.UTF8.GetByteCount(good));
        bytes[offset + 1] = 0x28; // "Ã" followed by "(": a lead byte without its continuation byte

        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var response = await client.PostAsync("/api/v1/events", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        problem!["detail"]!.GetValue<string>().Should().Contain("UTF-8");
        problem["byteOffset"]!.GetValue<long>().Should().Be(offset);
        problem["line"]!.GetValue<int>().Should().Be(2);
        (await ReceivedAsync(client, ward)).Should().Be(before);
    }

    private static JsonObject Completed(string id, DateTimeOffset at)
    {
        var e = WireEvents.Common(id, "dossier.completed", at, WireEvents.Ward, null);
        e["dossierId"] = "D-" + id;
        e["dueAt"] = WireEvents.Stamp(at.AddDays(1));
        e["completedAt"] = WireEvents.Stamp(at);
        e["resultDigitized"] = true;
        e["feePaidOnline"] = null;
        return e;
    }

    private static string HistoryUrl()
    {
        var to = DateTimeOffset.UtcNow.AddHours(1);
        return $"/api/v1/history/units/{WireEvents.Ward}?kpi=hotline.answerRate&from={Uri.EscapeDataString(WireEvents.Stamp(to.AddDays(-2)))}&to={Uri.EscapeDataString(WireEvents.Stamp(to))}&step=1h";
    }

    private static async Task<long> ReceivedAsync(HttpClient client, string ward)
    {
        var answer = await client.GetFromJsonAsync<JsonObject>($"/api/v1/kpi/units/{ward}?window=today");
        return answer!["kpis"]!["dossier.received"]!["value"]!.GetValue<long>();
    }
}
