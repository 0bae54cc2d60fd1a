using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IOC.Access.Audit;
using IOC.Access.Roles;
using IOC.Access.Store;
using IOC.Web.Tests.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IOC.Web.Tests.Postgres;

/// <summary>
/// Two or three hosts in this process on one PostgreSQL access store, as the nodes of a cluster: what one node creates
/// or revokes, the others see within <c>Access:SyncMilliseconds</c> (500 ms here); a first start makes one admin.
/// </summary>
[Collection(PostgresStores.Name)]
public sealed class SharedAccessStoreTests
{
    [Fact]
    public async Task AProducerKeyMadeOnOneNodeIsAcceptedByAnotherAndARevocationOnThatNodeIsRefusedByTheFirstWithinASecond()
    {
        var database = PostgresStores.NewDatabase();
        using var one = new PostgresAccessFactory { Database = database };
        using var two = new PostgresAccessFactory { Database = database };
        _ = two.Services;

        var created = await one.WithToken(AccessFactory.Token(AccessRoles.Admin)).PostAsJsonAsync("/api/v1/admin/producer-keys", new { name = "Một cửa liên thông" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var (id, secret) = (body["key"]!["id"]!.GetValue<int>(), body["secret"]!.GetValue<string>());

        var onTwo = two.CreateProducer(secret);
        (await WithinAsync(TimeSpan.FromSeconds(3), async () => (await onTwo.PostAsync(WireEvents.Received($"k-{Guid.NewGuid():N}", DateTimeOffset.UtcNow))).StatusCode == HttpStatusCode.Accepted))
            .Should().BeTrue("node two reads the key node one made within its sync interval");

        (await two.WithToken(AccessFactory.Token(AccessRoles.Admin)).PostAsync($"/api/v1/admin/producer-keys/{id}/revoke", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var onOne = one.CreateProducer(secret);
        var watch = Stopwatch.StartNew();
        HttpResponseMessage? refused = null;
        (await WithinAsync(TimeSpan.FromSeconds(3), async () =>
        {
            refused = await onOne.PostAsync(WireEvents.Received($"r-{Guid.NewGuid():N}", DateTimeOffset.UtcNow));
            return refused.StatusCode == HttpStatusCode.Unauthorized;
        })).Should().BeTrue("node one refuses a key revoked on node two");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1.5), "the registries are read again every 500 ms here");
        (await refused!.Content.ReadAsStringAsync()).Should().Contain("revoked");
        (await one.AuditTextAsync(AuditActions.ProducerKeyRevoked)).Should().Contain("Một cửa liên thông", "the audit line written by node two is read on node one");
    }

    [Fact]
    public async Task AServiceTokenRevokedOnOneNodeIsRefusedByTheOther()
    {
        var database = PostgresStores.NewDatabase();
        using var one = new PostgresAccessFactory { Database = database };
        using var two = new PostgresAccessFactory { Database = database };
        var created = await one.WithToken(AccessFactory.Token(AccessRoles.Admin)).PostAsJsonAsync("/api/v1/admin/service-tokens", new { name = "BI", role = "viewer" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var (id, secret) = (body["token"]!["id"]!.GetValue<int>(), body["secret"]!.GetValue<string>());
        var reader = two.WithToken(secret);
        (await WithinAsync(TimeSpan.FromSeconds(3), async () => (await reader.GetAsync("/api/v1/kpi/city")).StatusCode == HttpStatusCode.OK)).Should().BeTrue();

        (await one.WithToken(AccessFactory.Token(AccessRoles.Admin)).PostAsync($"/api/v1/admin/service-tokens/{id}/revoke", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await WithinAsync(TimeSpan.FromSeconds(3), async () => (await reader.GetAsync("/api/v1/kpi/city")).StatusCode == HttpStatusCode.Unauthorized))
            .Should().BeTrue("node two refuses a token revoked on node one");
    }

    [Fact]
    public async Task ThreeNodesStartingTogetherOnAnEmptyStoreMakeOneAdminAndOnePasswordFile()
    {
        var database = PostgresStores.NewDatabase();
        var nodes = Enumerable.Range(0, 3).Select(_ => new PostgresAccessFactory { Database = database }).ToList();
        try
        {
            await Task.WhenAll(nodes.Select(n => Task.Run(() => n.Services)));

            await using var db = nodes[0].Services.GetRequiredService<IDbContextFactory<AccessDbContext>>().CreateDbContext();
            (await db.Users.CountAsync()).Should().Be(1);
            (await db.Roles.CountAsync()).Should().Be(AccessRoles.All.Count);
            nodes.Count(n => File.Exists(Path.Combine(n.DataDir, "initial-admin-password.txt"))).Should().Be(1);
            var maker = nodes.Single(n => File.Exists(Path.Combine(n.DataDir, "initial-admin-password.txt")));
            var browser = nodes.First(n => n != maker).Browser();
            var signIn = await SignInTests.SignInAsync(browser, "admin", maker.FirstRunPassword());
            SignInTests.Target(signIn).Should().Be("/", "the generated password works on any node");
            SignInTests.Target(await browser.GetAsync("/")).Should().StartWith("/account/password", "and must be changed there first");
        }
        finally
        {
            nodes.ForEach(n => n.Dispose());
        }
    }

    private static async Task<bool> WithinAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
