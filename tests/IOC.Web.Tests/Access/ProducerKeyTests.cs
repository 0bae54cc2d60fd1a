using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IOC.Access.Audit;
using IOC.Access.Roles;

namespace IOC.Web.Tests.Access;

/// <summary>Producer keys made by an admin through the API: scope to units and event types, revocation, last use, audit.</summary>
public class ProducerKeyTests(AccessFactory factory) : IClassFixture<AccessFactory>
{
    [Fact]
    public async Task AWardScopedKeyPostsItsWardsDossiersAndEachOtherEventIsRejectedWithTheFieldAndReason()
    {
        var (id, secret) = await CreateAsync(new { name = "Một cửa Cửa Nam", units = new[] { "00082" }, eventTypes = new[] { "dossier.received" } });
        var producer = factory.CreateProducer(secret);
        var at = TestClock.RecentToday(1);

        var response = await producer.PostAsync(
            WireEvents.Received($"in-{Guid.NewGuid():N}", at),
            WireEvents.Received($"ward-{Guid.NewGuid():N}", at, unit: "00070"),
            WireEvents.Call($"type-{Guid.NewGuid():N}", at, answered: true, wait: 10, handle: 60));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        body["accepted"]!.GetValue<int>().Should().Be(1);
        var rejected = body["rejected"]!.AsArray();
        rejected.Select(r => (r!["index"]!.GetValue<int>(), r["field"]!.GetValue<string>())).Should().BeEquivalentTo([(1, "unit"), (2, "type")]);
        rejected[0]!["reason"]!.GetValue<string>().Should().Contain("outside this key's scope");

        // The last use is written beside the request (at most once a minute per key), so it may land a moment later.
        JsonNode? lastUsed = null;
        for (var i = 0; i < 50 && lastUsed is null; i++)
        {
            var listed = await factory.WithToken(AccessFactory.Token(AccessRoles.Admin)).GetFromJsonAsync<JsonArray>("/api/v1/admin/producer-keys");
            lastUsed = listed!.Single(k => k!["id"]!.GetValue<int>() == id)!["lastUsedAt"];
            await Task.Delay(100);
        }

        lastUsed.Should().NotBeNull();
        (await factory.AuditTextAsync(AuditActions.ProducerKeyCreated)).Should().Contain("Một cửa Cửa Nam");
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedAtOnceAndTheKeyItselfIsNeverListed()
    {
        var (id, secret) = await CreateAsync(new { name = "tạm thời" });
        var producer = factory.CreateProducer(secret);
        (await producer.PostAsync(WireEvents.Received($"ok-{Guid.NewGuid():N}", DateTimeOffset.UtcNow))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var revoke = await factory.WithToken(AccessFactory.Token(AccessRoles.Admin)).PostAsync($"/api/v1/admin/producer-keys/{id}/revoke", null);

        revoke.StatusCode.Should().Be(HttpStatusCode.OK);
        var refused = await producer.PostAsync(WireEvents.Received($"late-{Guid.NewGuid():N}", DateTimeOffset.UtcNow));
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("revoked");
        var listing = await factory.WithToken(AccessFactory.Token(AccessRoles.Admin)).GetStringAsync("/api/v1/admin/producer-keys");
        listing.Should().NotContain(secret);
        (await factory.AuditTextAsync(AuditActions.ProducerKeyRevoked)).Should().Contain("tạm thời");
    }

    [Fact]
    public async Task AKeyRequestNamingAnUnknownUnitOrTypeIsRefusedNamingTheField()
    {
        var admin = factory.WithToken(AccessFactory.Token(AccessRoles.Admin));

        var badUnit = await admin.PostAsJsonAsync("/api/v1/admin/producer-keys", new { name = "x", units = new[] { "99999" } });
        var badType = await admin.PostAsJsonAsync("/api/v1/admin/producer-keys", new { name = "x", eventTypes = new[] { "dossier.lost" } });
        var noName = await admin.PostAsJsonAsync("/api/v1/admin/producer-keys", new { units = new[] { "00082" } });

        badUnit.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badUnit.Content.ReadAsStringAsync()).Should().Contain("units").And.Contain("99999");
        (await badType.Content.ReadAsStringAsync()).Should().Contain("eventTypes").And.Contain("dossier.lost");
        (await noName.Content.ReadAsStringAsync()).Should().Contain("name is required");
    }

    [Fact]
    public async Task OnlyAnAdminServiceTokenMayCreateKeysThroughTheApi()
    {
        var analyst = await factory.WithToken(AccessFactory.Token(AccessRoles.Analyst)).PostAsJsonAsync("/api/v1/admin/producer-keys", new { name = "x" });
        var anonymous = await factory.CreateClient().PostAsJsonAsync("/api/v1/admin/producer-keys", new { name = "x" });

        analyst.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task IngestionOverTheLimitOfAKeyGets429WithRetryAfter()
    {
        using var limited = new IngestLimitFactory();
        var producer = limited.CreateProducer();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = await producer.PostAsync(WireEvents.Received($"rl-{i}-{Guid.NewGuid():N}", DateTimeOffset.UtcNow));
        }

        last!.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        last.Headers.RetryAfter.Should().NotBeNull();
    }

    private async Task<(int Id, string Secret)> CreateAsync(object request)
    {
        var response = await factory.WithToken(AccessFactory.Token(AccessRoles.Admin)).PostAsJsonAsync("/api/v1/admin/producer-keys", request);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (body["key"]!["id"]!.GetValue<int>(), body["secret"]!.GetValue<string>());
    }

    private sealed class IngestLimitFactory : AccessFactory
    {
        protected override IDictionary<string, string?> Extra => new Dictionary<string, string?> { ["Access:RateLimits:IngestionPerMinute"] = "2" };
    }
}
