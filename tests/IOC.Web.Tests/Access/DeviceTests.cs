using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IOC.Access.Audit;
using IOC.Access.Roles;

namespace IOC.Web.Tests.Access;

/// <summary>Kiosk screens: registered by an admin, paired once with the code, view-only, revoked at once.</summary>
public class DeviceTests(AccessFactory factory) : IClassFixture<AccessFactory>
{
    [Fact]
    public async Task APairedScreenShowsTheKioskWithoutAPasswordSeesNothingAboveAViewerAndDropsToRevokedWhenRevoked()
    {
        var admin = factory.WithToken(AccessFactory.Token(AccessRoles.Admin));
        var created = await admin.PostAsJsonAsync("/api/v1/admin/devices", new { name = "TV phòng họp", location = "Tầng 3" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var code = body["pairingCode"]!.GetValue<string>();
        var id = body["device"]!["id"]!.GetValue<int>();
        body["pairingLink"]!.GetValue<string>().Should().EndWith($"/pair?code={Uri.EscapeDataString(code)}");

        var tv = factory.Browser();
        var paired = await AccessFactory.PostFormAsync(tv, $"/pair?code={code}", "/device/pair", new Dictionary<string, string> { ["code"] = code });
        SignInTests.Target(paired).Should().Be("/?kiosk=1");

        (await tv.GetAsync("/?kiosk=1")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await tv.GetAsync("/api/v1/kpi/city")).StatusCode.Should().Be(HttpStatusCode.OK);
        SignInTests.Target(await tv.GetAsync("/wards/00082")).Should().StartWith("/account/denied");
        (await tv.GetAsync("/api/v1/history/units/00082?metric=dossier.received&from=2026-11-01&to=2026-11-02")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        (await admin.PostAsync($"/api/v1/admin/devices/{id}/revoke", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var after = await tv.GetAsync("/?kiosk=1");
        SignInTests.Target(after).Should().Be("/device/revoked");
        (await tv.GetAsync("/device/revoked")).StatusCode.Should().Be(HttpStatusCode.OK);
        var audit = await factory.AuditAsync();
        audit.Select(a => a!["action"]!.GetValue<string>()).Should().Contain([AuditActions.DeviceRegistered, AuditActions.DevicePaired, AuditActions.DeviceRevoked]);
    }

    [Fact]
    public async Task APairingCodeWorksOnceOnly()
    {
        var admin = factory.WithToken(AccessFactory.Token(AccessRoles.Admin));
        var body = (await (await admin.PostAsJsonAsync("/api/v1/admin/devices", new { name = "TV sảnh" })).Content.ReadFromJsonAsync<JsonObject>())!;
        var code = body["pairingCode"]!.GetValue<string>();

        var first = await AccessFactory.PostFormAsync(factory.Browser(), "/pair", "/device/pair", new Dictionary<string, string> { ["code"] = code });
        var second = await AccessFactory.PostFormAsync(factory.Browser(), "/pair", "/device/pair", new Dictionary<string, string> { ["code"] = code });

        SignInTests.Target(first).Should().Be("/?kiosk=1");
        SignInTests.Target(second).Should().Be("/pair?error=refused");
        (await factory.AuditAsync(AuditActions.DevicePairingFailed)).Count.Should().BeGreaterThan(0);
    }
}
