using System.Net;
using IOC.Access.Roles;
using IOC.Live.Tests.Client;
using IOC.Web.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace IOC.Live.Tests.Hub;

/// <summary>The hub under the same roles and unit limits as the pages: who may connect, which groups they may join.</summary>
public sealed class HubAccessTests : IAsyncLifetime
{
    private const string Token = "hub-viewer-token";

    private readonly LiveServer _server = new(new TokenFactory());

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task AWardLimitedAnalystFollowsItsWardAndTheCityButNotAnotherWardOrTheWholeTable()
    {
        await using var client = await HubTestClient.ConnectAsync(_server.Address, o =>
        {
            o.Headers[TestIdentityHandler.RoleHeader] = AccessRoles.Analyst;
            o.Headers[TestIdentityHandler.UnitsHeader] = "00082";
        });

        await client.SubscribeAsync("ward:00082");
        await client.SubscribeAsync("city");
        var other = () => client.SubscribeAsync("ward:00070");
        var table = () => client.SubscribeAsync("wards");

        (await other.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("outside the units this account may see");
        (await table.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("outside the units this account may see");
    }

    [Fact]
    public async Task AWardLimitedViewerOfTheWallboardGetsTheCityAndItsWardButCannotJoinAnotherWardsGroupOrTheWardTable()
    {
        await using var client = await HubTestClient.ConnectAsync(_server.Address, o =>
        {
            o.Headers[TestIdentityHandler.RoleHeader] = AccessRoles.Viewer;
            o.Headers[TestIdentityHandler.UnitsHeader] = "00082";
        });

        await client.SubscribeAsync("city");
        await client.SubscribeAsync("ward:00082");
        var other = () => client.SubscribeAsync("ward:00070");
        var table = () => client.SubscribeAsync("wards");

        (await other.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("'ward:00070' is outside the units this account may see");
        (await table.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("'wards' is outside the units this account may see");
    }

    [Fact]
    public async Task NobodyConnectsWithoutASignInDeviceOrToken()
    {
        var connect = () => HubTestClient.ConnectAsync(_server.Address, o => o.Headers[TestIdentityHandler.RoleHeader] = TestIdentityHandler.Anonymous);

        (await connect.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AServiceTokenConnectsWithSignalRsAccessTokenAndAWrongOneIsRefused()
    {
        await using var client = await HubTestClient.ConnectAsync(_server.Address, o => o.AccessTokenProvider = () => Task.FromResult<string?>(Token));
        await client.SubscribeAsync("city");

        var wrong = () => HubTestClient.ConnectAsync(_server.Address, o => o.AccessTokenProvider = () => Task.FromResult<string?>("not-a-token"));
        (await wrong.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private sealed class TokenFactory : IocWebFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Ingestion:ApiKeys:0"] = ApiKeyValidator.DigestHex(ProducerKey),
            ["Access:ServiceTokens:monitor:Sha256"] = ApiKeyValidator.DigestHex(Token),
            ["Access:ServiceTokens:monitor:Role"] = AccessRoles.Viewer,
        };
    }
}
