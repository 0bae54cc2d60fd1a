using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IOC.Access.Audit;
using IOC.Access.Roles;
using IOC.Access.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IOC.Web.Tests.Access;

/// <summary>
/// The admin API with an admin service token, as automation uses it: accounts (create, role and unit limits, lock,
/// unlock) felt by the person's next sign-in, and service tokens (shown once, kept as a digest, Bearer accepted until
/// revoked, last use recorded); every change read back from the audit API.
/// </summary>
public sealed class AdminApiTests : IDisposable
{
    private readonly RoomyFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private HttpClient Admin => _factory.WithToken(AccessFactory.Token(AccessRoles.Admin));

    [Fact]
    public async Task AnAccountIsCreatedGivenARoleAndAWardThenLockedAndUnlockedAndThePersonFeelsEachStep()
    {
        var created = await Admin.PostAsJsonAsync("/api/v1/admin/accounts", new { userName = "cua-nam", displayName = "Cán bộ Cửa Nam", role = "viewer", password = "Cua-Nam-Lan-Dau-2026" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var account = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        (account["role"]!.GetValue<string>(), account["mustChangePassword"]!.GetValue<bool>(), account["units"]!.AsArray().Count).Should().Be(("viewer", true, 0));

        var person = _factory.Browser();
        await SignInReplacingFirstPasswordAsync(person, "Cua-Nam-Lan-Dau-2026", "Cua-Nam-Moi-2026-x");
        (await person.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        SignInTests.Target(await person.GetAsync("/wards/00082")).Should().StartWith("/account/denied", "a viewer sees the wallboard only");

        var changed = await Admin.PutAsJsonAsync("/api/v1/admin/accounts/cua-nam", new { role = "analyst", units = new[] { AccessFactory.LimitedWard } });
        changed.StatusCode.Should().Be(HttpStatusCode.OK);
        var after = (await changed.Content.ReadFromJsonAsync<JsonObject>())!;
        after["role"]!.GetValue<string>().Should().Be("analyst");
        after["units"]!.AsArray().Select(u => u!.GetValue<string>()).Should().Equal(AccessFactory.LimitedWard);
        var again = _factory.Browser();
        (await SignInTests.SignInAsync(again, "cua-nam", "Cua-Nam-Moi-2026-x")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await again.GetAsync("/wards/00082")).StatusCode.Should().Be(HttpStatusCode.OK, "an analyst of ward 00082 reads its page");
        SignInTests.Target(await again.GetAsync("/wards/00070")).Should().StartWith("/account/denied", "but not another ward's");

        var locked = await Admin.PostAsync("/api/v1/admin/accounts/cua-nam/lock", null);
        (await locked.Content.ReadFromJsonAsync<JsonObject>())!["lockedOut"]!.GetValue<bool>().Should().BeTrue();
        var refused = await SignInTests.SignInAsync(_factory.Browser(), "cua-nam", "Cua-Nam-Moi-2026-x");
        refused.StatusCode.Should().Be(HttpStatusCode.OK, "a locked account gets the sign-in page again");
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Tài khoản tạm khóa");

        var unlocked = await Admin.PostAsync("/api/v1/admin/accounts/cua-nam/unlock", null);
        (await unlocked.Content.ReadFromJsonAsync<JsonObject>())!["lockedOut"]!.GetValue<bool>().Should().BeFalse();
        (await SignInTests.SignInAsync(_factory.Browser(), "cua-nam", "Cua-Nam-Moi-2026-x")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await _factory.AuditTextAsync(AuditActions.AccountCreated)).Should().Contain("service admin-system | account cua-nam | role viewer; units all");
        var changes = await _factory.AuditTextAsync(AuditActions.AccountChanged);
        changes.Should().Contain("service admin-system | account cua-nam | role viewer; units all → role analyst; units 00082")
            .And.Contain("service admin-system | account cua-nam | locked")
            .And.Contain("service admin-system | account cua-nam | unlocked");
    }

    [Fact]
    public async Task AnAccountWithAnUnknownRoleWardOrAWeakPasswordIsRefusedNamingTheField()
    {
        var role = await Admin.PostAsJsonAsync("/api/v1/admin/accounts", new { userName = "x1", role = "boss", password = "Cua-Nam-Lan-Dau-2026" });
        var unit = await Admin.PutAsJsonAsync("/api/v1/admin/accounts/admin", new { role = "analyst", units = new[] { "99999" } });
        var password = await Admin.PostAsJsonAsync("/api/v1/admin/accounts", new { userName = "x2", role = "viewer", password = "short" });

        (await Field(role)).Should().Be("role");
        (await Field(unit)).Should().Be("units");
        (await Field(password)).Should().Be("password");
        (await Admin.GetFromJsonAsync<JsonArray>("/api/v1/admin/accounts"))!.Select(a => a!["userName"]!.GetValue<string>()).Should().Equal("admin");
    }

    [Fact]
    public async Task AServiceTokenIsShownOnceKeptAsADigestWorksAsBearerWithinItsWardRecordsItsUseAndStopsWhenRevoked()
    {
        var created = await Admin.PostAsJsonAsync("/api/v1/admin/service-tokens", new { name = "BI Sở Nội vụ", role = "analyst", units = new[] { AccessFactory.LimitedWard } });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var secret = body["secret"]!.GetValue<string>();
        var id = body["token"]!["id"]!.GetValue<int>();
        secret.Should().StartWith("ioc_st_");

        var listed = await Admin.GetStringAsync("/api/v1/admin/service-tokens");
        listed.Should().NotContain(secret, "the token is shown once, in the answer that made it").And.Contain(secret[..11]);
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<AccessDbContext>>().CreateDbContextAsync())
        {
            (await db.ServiceTokens.SingleAsync(t => t.Id == id)).Digest.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
        }

        StoredBytes().Should().NotContain(secret, "nothing on disk holds the token itself");

        var system = Token(secret);
        (await system.GetAsync("/api/v1/kpi/units/00082")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await system.GetAsync("/api/v1/kpi/units/00070")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the token is limited to ward 00082");
        (await system.GetAsync("/api/v1/admin/service-tokens")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "an analyst's token reads no admin API");
        SignInTests.Target(await system.GetAsync("/wards/00082")).Should().StartWith("/account/login", "pages never accept a token");
        var used = await EventuallyAsync(async () => (await Admin.GetFromJsonAsync<JsonArray>("/api/v1/admin/service-tokens"))!.OfType<JsonObject>().Single(t => t["id"]!.GetValue<int>() == id) is { } t && t["lastUsedAt"] is JsonValue ? t : null);
        used["lastUsedAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));

        var revoked = await Admin.PostAsync($"/api/v1/admin/service-tokens/{id}/revoke", null);
        revoked.StatusCode.Should().Be(HttpStatusCode.OK);
        (await revoked.Content.ReadFromJsonAsync<JsonObject>())!["revokedAt"].Should().NotBeNull();
        (await system.GetAsync("/api/v1/kpi/units/00082")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (await _factory.AuditTextAsync(AuditActions.ServiceTokenCreated)).Should().Contain($"service admin-system | service token {id} 'BI Sở Nội vụ' | role analyst; units 00082; expires never");
        (await _factory.AuditTextAsync(AuditActions.ServiceTokenRevoked)).Should().Contain($"service admin-system | service token {id} 'BI Sở Nội vụ'");
    }

    [Fact]
    public async Task AServiceTokenWithAnUnknownRoleOrAPastExpiryIsRefusedNamingTheField()
    {
        var role = await Admin.PostAsJsonAsync("/api/v1/admin/service-tokens", new { name = "BI", role = "owner" });
        var expiry = await Admin.PostAsJsonAsync("/api/v1/admin/service-tokens", new { name = "BI", role = "viewer", expiresAt = DateTimeOffset.UtcNow.AddDays(-1) });

        (await Field(role)).Should().Be("role");
        (await Field(expiry)).Should().Be("expiresAt");
        (await Admin.GetFromJsonAsync<JsonArray>("/api/v1/admin/service-tokens"))!.Should().BeEmpty();
    }

    private static async Task<JsonObject> EventuallyAsync(Func<Task<JsonObject?>> read)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (await read() is { } found)
            {
                return found;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the token's last use should be recorded within 10 s");
            await Task.Delay(100);
        }
    }

    private static async Task<string> Field(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["field"]!.GetValue<string>();
    }

    private HttpClient Token(string secret) => _factory.WithToken(secret);

    private string StoredBytes() => string.Concat(Directory.GetFiles(_factory.DataDir, "access.db*").Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));

    private static async Task SignInReplacingFirstPasswordAsync(HttpClient client, string first, string next)
    {
        (await SignInTests.SignInAsync(client, "cua-nam", first)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var changed = await AccessFactory.PostFormAsync(client, "/account/password", "/account/password", new Dictionary<string, string>
        {
            ["Input.Current"] = first,
            ["Input.New"] = next,
            ["Input.Confirm"] = next,
        }, "password");
        changed.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    /// <summary>Many sign-ins from one test client: the sign-in rate limit is raised (SignInTests checks it).</summary>
    private sealed class RoomyFactory : AccessFactory
    {
        protected override IDictionary<string, string?> Extra => new Dictionary<string, string?> { ["Access:RateLimits:SignInPerMinute"] = "1000" };
    }
}
