using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IOC.Access.Audit;
using IOC.Access.Roles;

namespace IOC.Web.Tests.Access;

/// <summary>
/// Sign-in through a province's single sign-on: the app configured with <see cref="MiniOidcProvider"/> (started by the
/// test on a free loopback port), the whole authorization code flow with PKCE as a browser follows it, the person's
/// account created and linked, role and unit claims mapped as docs/security.md says, and the sign-in audited.
/// </summary>
public sealed class OidcSignInTests : IAsyncLifetime
{
    private MiniOidcProvider _provider = null!;
    private OidcFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _provider = await MiniOidcProvider.StartAsync();
        _factory = new OidcFactory(_provider.Authority);
    }

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task TheProvidersPersonSignsInWithTheHighestRoleAndTheWardItSendsAndTheSignInIsAudited()
    {
        _provider.Next = new OidcPerson("sub-0001", "nguyen.lan", "Nguyễn Thị Lan", [AccessRoles.Viewer, AccessRoles.Analyst, "not-an-ioc-role"], [AccessFactory.LimitedWard]);
        var client = _factory.Browser();

        var login = await client.GetStringAsync("/account/login?ReturnUrl=%2Fwards%2F00082");
        login.Should().Contain("Đăng nhập bằng SSO Hà Nội");
        var landed = await SignInThroughProviderAsync(client, "/wards/00082");

        landed.Should().Be("/wards/00082");
        (await client.GetAsync("/wards/00082")).StatusCode.Should().Be(HttpStatusCode.OK);
        SignInTests.Target(await client.GetAsync("/wards/00070")).Should().StartWith("/account/denied", "the provider limited her to ward 00082");
        SignInTests.Target(await client.GetAsync("/review")).Should().StartWith("/account/denied", "an analyst is not a reviewer");
        var account = await AccountAsync("nguyen.lan");
        (account["role"]!.GetValue<string>(), account["displayName"]!.GetValue<string>(), account["external"]!.GetValue<bool>()).Should().Be((AccessRoles.Analyst, "Nguyễn Thị Lan", true));
        account["units"]!.AsArray().Select(u => u!.GetValue<string>()).Should().Equal(AccessFactory.LimitedWard);
        _provider.Redeemed.Should().Be(1);
        (await _factory.AuditTextAsync(AuditActions.AccountCreated)).Should().Contain("account nguyen.lan | external sign-in (oidc); role analyst");
        (await _factory.AuditTextAsync(AuditActions.SignIn)).Should().Contain("person nguyen.lan | account nguyen.lan | external: oidc");
    }

    [Fact]
    public async Task AtTheNextSignInTheProvidersRoleAndUnitsReplaceWhatTheAccountHad()
    {
        _provider.Next = new OidcPerson("sub-0002", "tran.binh", "Trần Bình", [AccessRoles.Analyst], [AccessFactory.LimitedWard]);
        await SignInThroughProviderAsync(_factory.Browser(), "/");

        _provider.Next = new OidcPerson("sub-0002", "tran.binh", "Trần Bình", [AccessRoles.Reviewer], []);
        var client = _factory.Browser();
        await SignInThroughProviderAsync(client, "/review");

        (await client.GetAsync("/review")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/wards/00070")).StatusCode.Should().Be(HttpStatusCode.OK, "no unit limit any more");
        var account = await AccountAsync("tran.binh");
        account["role"]!.GetValue<string>().Should().Be(AccessRoles.Reviewer);
        account["units"]!.AsArray().Should().BeEmpty();
        (await _factory.AuditAsync(AuditActions.AccountCreated)).Count(a => a!["target"]!.GetValue<string>() == "account tran.binh").Should().Be(1, "the second sign-in links to the same account");
        (await _factory.AuditAsync(AuditActions.SignIn)).Count(a => a!["target"]!.GetValue<string>() == "account tran.binh").Should().Be(2);
    }

    [Fact]
    public async Task APersonTheProviderGivesNoRoleIsSignedInButSeesOnlyAccessDenied()
    {
        _provider.Next = new OidcPerson("sub-0003", "le.cuong", "Lê Cường");
        var client = _factory.Browser();

        await SignInThroughProviderAsync(client, "/");

        SignInTests.Target(await client.GetAsync("/")).Should().StartWith("/account/denied");
        (await AccountAsync("le.cuong"))["role"].Should().BeNull();
        (await _factory.AuditTextAsync(AuditActions.AccountCreated)).Should().Contain("account le.cuong | external sign-in (oidc); role none");
    }

    [Fact]
    public async Task AProvidersPersonWithALocalAccountsNameGetsAnAccountOfTheirOwnNotTheLocalOne()
    {
        _provider.Next = new OidcPerson("sub-0004", "admin", "Someone called admin", [AccessRoles.Viewer]);
        var client = _factory.Browser();

        await SignInThroughProviderAsync(client, "/");

        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        SignInTests.Target(await client.GetAsync("/admin")).Should().StartWith("/account/denied", "the local admin account was not taken over");
        (await AccountAsync("admin@oidc"))["role"]!.GetValue<string>().Should().Be(AccessRoles.Viewer);
    }

    /// <summary>
    /// Presses the sign-on button of the sign-in page and follows the redirects as a browser: to the provider (a real
    /// HTTP server), back to /signin-oidc, to the callback that signs the person in. Answers where the person lands.
    /// </summary>
    private async Task<string> SignInThroughProviderAsync(HttpClient client, string returnUrl)
    {
        var page = $"/account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var response = await AccessFactory.PostFormAsync(client, page, "/account/external", new Dictionary<string, string> { ["returnUrl"] = returnUrl });
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var toProvider = false;
        for (var hop = 0; hop < 10; hop++)
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"hop {hop} ({response.RequestMessage?.RequestUri}): {await response.Content.ReadAsStringAsync()}");
            var location = response.Headers.Location!;
            var absolute = location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location);
            if (absolute.Authority == _provider.Authority.Authority)
            {
                toProvider = true;
                response = await browser.GetAsync(absolute);
                continue;
            }

            if (absolute.AbsolutePath is not ("/signin-oidc" or "/account/external/callback"))
            {
                toProvider.Should().BeTrue("the sign-in went through the provider");
                return absolute.PathAndQuery;
            }

            response = await client.GetAsync(absolute);
        }

        throw new InvalidOperationException("more than 10 redirects");
    }

    private async Task<JsonObject> AccountAsync(string userName)
    {
        var accounts = await _factory.WithToken(AccessFactory.Token(AccessRoles.Admin)).GetFromJsonAsync<JsonArray>("/api/v1/admin/accounts");
        return accounts!.OfType<JsonObject>().Single(a => a["userName"]!.GetValue<string>() == userName);
    }

    private sealed class OidcFactory(Uri authority) : AccessFactory
    {
        protected override IDictionary<string, string?> Extra => new Dictionary<string, string?>
        {
            ["Access:Oidc:Authority"] = authority.ToString().TrimEnd('/'),
            ["Access:Oidc:ClientId"] = MiniOidcProvider.ClientId,
            ["Access:Oidc:ClientSecret"] = MiniOidcProvider.ClientSecret,
            ["Access:Oidc:DisplayName"] = "SSO Hà Nội",
            ["Access:Oidc:RequireHttpsMetadata"] = "false",
            ["Access:RateLimits:SignInPerMinute"] = "1000",
        };
    }
}
