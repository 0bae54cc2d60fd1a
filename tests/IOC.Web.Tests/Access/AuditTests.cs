using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IOC.Access.Audit;
using IOC.Access.Roles;

namespace IOC.Web.Tests.Access;

/// <summary>
/// Each audited action of issue 16 that is not a sign-in or an admin change (those are in SignInTests, OidcSignInTests,
/// AdminAccountApiTests, DeviceTests, ProducerKeyTests): every export and report download, and acting on alerts; each
/// read back from the audit API with who did it.
/// </summary>
public sealed class AuditTests(IocWebFactory factory) : IClassFixture<IocWebFactory>
{
    private static DateTimeOffset Now => TestClock.RecentToday(1);

    [Theory]
    [InlineData("/api/v1/history/units/00082?kpi=dossier.onTimeRate&from=2026-11-01&to=2026-11-02&format=csv", AccessRoles.Analyst)]
    [InlineData("/api/v1/open-dossiers/units/00082?format=xlsx&lang=en", AccessRoles.Analyst)]
    [InlineData("/api/v1/alerts/history?format=csv", AccessRoles.Analyst)]
    [InlineData("/api/v1/briefings/city/01?period=day", AccessRoles.Analyst)]
    [InlineData("/api/v1/review?period=month&value=2026-11&format=xlsx", AccessRoles.Reviewer)]
    [InlineData("/api/v1/psi?period=month&value=2026-11&format=xlsx", AccessRoles.Reviewer)]
    public async Task EveryExportAndReportDownloadIsAuditedWithWhoTookWhichFile(string path, string role)
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(TestIdentityHandler.RoleHeader, role);

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var line = (await AuditAsync(AuditActions.Download)).Single(a => a["target"]!.GetValue<string>() == path);
        line["actor"]!.GetValue<string>().Should().Be($"person test-{role}");
        line["detail"]!.GetValue<string>().Should().StartWith("attachment").And.Contain("filename=");
        line["succeeded"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task FiguresReadOnScreenOrAsJsonAreNotDownloads()
    {
        var client = factory.CreateClient();
        const string Json = "/api/v1/history/units/00082?kpi=dossier.onTimeRate&from=2026-11-01&to=2026-11-02";

        (await client.GetAsync(Json)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await AuditAsync(AuditActions.Download)).Should().NotContain(a => a!["target"]!.GetValue<string>() == Json);
    }

    [Fact]
    public async Task ExportingTheAuditLogIsItselfAudited()
    {
        var client = factory.CreateClient();

        (await client.GetAsync("/api/v1/admin/audit?format=xlsx&action=download")).StatusCode.Should().Be(HttpStatusCode.OK);

        var line = (await AuditAsync(AuditActions.AuditExported)).Should().ContainSingle().Subject!;
        line["actor"]!.GetValue<string>().Should().Be("person test-admin");
        line["detail"]!.GetValue<string>().Should().Contain("action=download");
    }

    [Fact]
    public async Task AcknowledgingSilencingAndEndingASilenceAreAuditedAsTheSignedInDutyOfficer()
    {
        var producer = factory.CreateProducer();
        var rule = await producer.PostAsJsonAsync("/api/v1/alerts/rules", new
        {
            by = "admin",
            rule = new
            {
                id = "audit-satisfaction", nameVi = "Hài lòng thấp", nameEn = "Low satisfaction", kpi = "satisfaction.rate", scope = "ward", unit = "00070",
                window = "today", condition = "below", threshold = 95, minDenominator = 2, severity = "warning",
            },
        });
        rule.StatusCode.Should().Be(HttpStatusCode.Created);
        await producer.PostAsync(WireEvents.Survey("audit-s1", Now, "dissatisfied", "00070"), WireEvents.Survey("audit-s2", Now, "very_dissatisfied", "00070"));
        const string Id = "audit-satisfaction:ward:00070";
        await WaitUntilAsync(async () => (await producer.GetFromJsonAsync<JsonArray>("/api/v1/alerts"))!.Any(a => a!["id"]!.GetValue<string>() == Id && a["state"]!.GetValue<string>() == "firing"));

        var duty = factory.CreateClient();
        duty.DefaultRequestHeaders.Add(TestIdentityHandler.RoleHeader, AccessRoles.Duty);
        (await duty.PostAsJsonAsync($"/api/v1/alerts/{Id}/ack", new { by = "Trực ban Lan", note = "Đã gọi phường" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var silenced = await duty.PostAsJsonAsync("/api/v1/alerts/silences", new { ruleId = "audit-satisfaction", unitLevel = "ward", unitCode = "00070", minutes = 30, reason = "Mất điện", by = "Trực ban Lan" });
        silenced.StatusCode.Should().Be(HttpStatusCode.Created);
        var silenceId = (await silenced.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        (await duty.PostAsJsonAsync($"/api/v1/alerts/silences/{silenceId}/end", new { by = "Trực ban Lan" })).StatusCode.Should().Be(HttpStatusCode.OK);

        var ack = (await AuditAsync(AuditActions.AlertAcknowledged)).Single(a => a!["target"]!.GetValue<string>() == $"alert {Id}")!;
        ack["actor"]!.GetValue<string>().Should().Be("person test-duty");
        ack["detail"]!.GetValue<string>().Should().Be("by 'Trực ban Lan'; note 'Đã gọi phường'");
        var silence = (await AuditAsync(AuditActions.AlertSilenced)).Single(a => a!["target"]!.GetValue<string>() == $"silence {silenceId}")!;
        silence["actor"]!.GetValue<string>().Should().Be("person test-duty");
        silence["detail"]!.GetValue<string>().Should().Contain("rule audit-satisfaction; unit ward:00070").And.Contain("reason 'Mất điện'");
        (await AuditAsync(AuditActions.AlertSilenceEnded)).Should().Contain(a => a!["target"]!.GetValue<string>() == $"silence {silenceId}" && a["actor"]!.GetValue<string>() == "person test-duty");
    }

    [Fact]
    public async Task ARefusedAcknowledgementWritesNoAuditLine()
    {
        var duty = factory.CreateClient();
        duty.DefaultRequestHeaders.Add(TestIdentityHandler.RoleHeader, AccessRoles.Duty);

        (await duty.PostAsJsonAsync("/api/v1/alerts/ward-ontime-today:ward:00071/ack", new { by = "Hà" })).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await AuditAsync(AuditActions.AlertAcknowledged)).Should().NotContain(a => a!["target"]!.GetValue<string>().Contains("00071"));
    }

    /// <summary>The audit API's lines of one action, read as the admin.</summary>
    private async Task<List<JsonObject>> AuditAsync(string action)
    {
        var lines = await factory.CreateClient().GetFromJsonAsync<JsonArray>($"/api/v1/admin/audit?action={action}");
        return [.. lines!.OfType<JsonObject>()];
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the alert should fire within 15 s");
            await Task.Delay(100);
        }
    }
}
