using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IOC.Web.Tests.Apis;

/// <summary>Procedure names and procedure codes on completions, through ingestion, the history API and its CSV.</summary>
public class ProcedureNamesApiTests : IClassFixture<IocWebFactory>
{
    private const string Ward = "00256";

    private readonly IocWebFactory _factory;

    public ProcedureNamesApiTests(IocWebFactory factory) => _factory = factory;

    private static DateTimeOffset Now => TestClock.RecentToday(2);

    [Fact]
    public async Task ANameSentOnAReceiptIsShownBesideItsCodeInTheDossierBreakdownAndItsCsv()
    {
        var client = _factory.CreateProducer();
        var receipt = WireEvents.Received($"name-{Guid.NewGuid():N}", Now, unit: Ward);
        receipt["procedure"] = "1.001193";
        receipt["procedureName"] = "Đăng ký khai sinh";
        var unnamed = WireEvents.Received($"name-{Guid.NewGuid():N}", Now, unit: Ward);
        unnamed["procedure"] = "2.000815";

        (await client.PostAsync(receipt, unnamed)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var breakdown = await client.GetFromJsonAsync<JsonObject>(DossiersUrl());
        var csv = await client.GetStringAsync(DossiersUrl() + "&format=csv");

        var named = Row(breakdown!, "1.001193");
        named["name"]!.GetValue<string>().Should().Be("Đăng ký khai sinh");
        named["nameSource"]!.GetValue<string>().Should().Be("producer");
        Row(breakdown!, "2.000815")["name"].Should().BeNull();
        csv.Should().Contain("\"1.001193\";\"Đăng ký khai sinh\";\"Hệ thống một cửa gửi đến\"");
    }

    [Fact]
    public async Task ACompletionNamingItsProcedureIsCountedUnderItAndOneWithoutUnderUnknown()
    {
        var client = _factory.CreateProducer();
        var named = Completed($"c-{Guid.NewGuid():N}", "1.004873");
        var bare = Completed($"c-{Guid.NewGuid():N}", null);

        (await client.PostAsync(named, bare)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var breakdown = await client.GetFromJsonAsync<JsonObject>(DossiersUrl());

        Row(breakdown!, "1.004873")["completed"]!.GetValue<long>().Should().Be(1);
        Row(breakdown!, "unknown")["completed"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(1);
    }

    private static JsonObject Completed(string id, string? procedure)
    {
        var e = WireEvents.Common(id, "dossier.completed", Now, Ward, null);
        e["dossierId"] = "never-received-" + id;
        if (procedure is not null)
        {
            e["procedure"] = procedure;
        }

        e["dueAt"] = WireEvents.Stamp(Now.AddDays(1));
        e["completedAt"] = WireEvents.Stamp(Now);
        e["resultDigitized"] = true;
        return e;
    }

    private static JsonObject Row(JsonObject breakdown, string procedure) =>
        breakdown["byProcedure"]!.AsArray().Single(p => p!["procedure"]!.GetValue<string>() == procedure)!.AsObject();

    private static string DossiersUrl()
    {
        var to = DateTimeOffset.UtcNow.AddHours(2);
        return $"/api/v1/history/units/{Ward}/dossiers?from={Uri.EscapeDataString(WireEvents.Stamp(to.AddDays(-1)))}&to={Uri.EscapeDataString(WireEvents.Stamp(to))}";
    }
}
