using System.Net;
using IOC.Access.Authorization;
using IOC.Access.Roles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace IOC.Web.Tests.Access;

/// <summary>
/// Every endpoint the app maps (APIs, exports, pages, the hub, operations), each role and anonymous: the endpoint's
/// policy decides, and an endpoint without a policy fails the first test (docs/security.md).
/// </summary>
public class RouteMatrixTests(AccessFactory factory) : IClassFixture<AccessFactory>
{
    /// <summary>What answers without a sign-in: health, the sign-in steps, pairing, ingestion (its own X-Api-Key), static files.</summary>
    private static readonly string[] OpenPrefixes = ["/health", "/account/", "/device/", "/pair", "/api/v1/events", "/_content/", "/_framework/", "/css/", "/js/", "/manifest", "/favicon", "/icons/", "/service-worker"];

    private static readonly string[] Subjects = [TestIdentityHandler.Anonymous, .. AccessRoles.All];

    [Fact]
    public void EveryEndpointNamesARolePolicyOrIsOnTheShortOpenList()
    {
        var unnamed = Endpoints()
            .Where(e => Policy(e) is null && !IsOpen(e))
            .Select(e => Describe(e))
            .ToList();

        unnamed.Should().BeEmpty("every endpoint needs a role policy (docs/security.md, \"Giving a new endpoint its policy\")");
    }

    [Fact]
    public void NothingButHealthSignInPairingIngestionAndStaticFilesAllowsAnonymousRequests()
    {
        var open = Endpoints().Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null && !IsStaticFile(e)).Select(e => e.RoutePattern.RawText ?? "").ToList();

        open.Should().NotBeEmpty();
        open.Where(p => !OpenPrefixes.Any(prefix => ("/" + p.TrimStart('/')).StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Should().BeEmpty("only /health*, the sign-in steps, pairing, ingestion and static assets answer anonymous requests");
    }

    [Fact]
    public async Task EachRoleReachesExactlyTheEndpointsOfItsPolicyAndAnonymousReachesNone()
    {
        var failures = new List<string>();
        var client = factory.Browser();
        foreach (var endpoint in Endpoints().Where(e => !IsOpen(e) && Policy(e) is not null))
        {
            var least = LeastRole(Policy(endpoint)!);
            foreach (var method in Methods(endpoint))
            {
                var path = Sample(endpoint.RoutePattern);
                if (endpoint.RoutePattern.Parameters.Count > 0 && await NotMatchedAsync(client, method, path))
                {
                    continue;   // the sample does not fit the route's constraints (a third-party route): it would tell nothing
                }

                foreach (var subject in Subjects)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), path);
                    request.Headers.Add(TestIdentityHandler.RoleHeader, subject);
                    var (outcome, response) = await SendAsync(client, request);
                    // Admin changes through the API authenticate with the service-token scheme only: a person is nobody there.
                    var expected = subject == TestIdentityHandler.Anonymous || least is null ? "sign-in"
                        : AccessRoles.AtLeast(least).Contains(subject) ? "allowed" : "denied";
                    response?.Dispose();
                    if (outcome != expected)
                    {
                        failures.Add($"{method} {path} as {subject}: {outcome} ({(int?)response?.StatusCode} {response?.Headers.Location}), expected {expected}");
                    }
                }
            }
        }

        failures.Should().BeEmpty();
    }

    [Theory]
    [InlineData("/", AccessRoles.Viewer)]
    [InlineData("/?kiosk=1", AccessRoles.Viewer)]
    [InlineData("/wards", AccessRoles.Analyst)]
    [InlineData("/wards/00082", AccessRoles.Analyst)]
    [InlineData("/agencies/VPUBND", AccessRoles.Analyst)]
    [InlineData("/review", AccessRoles.Reviewer)]
    [InlineData("/psi", AccessRoles.Reviewer)]
    [InlineData("/admin", AccessRoles.Admin)]
    [InlineData("/admin/devices", AccessRoles.Admin)]
    [InlineData("/admin/keys", AccessRoles.Admin)]
    [InlineData("/admin/tokens", AccessRoles.Admin)]
    [InlineData("/admin/audit", AccessRoles.Admin)]
    [InlineData("/api/v1/kpi/city", AccessRoles.Viewer)]
    [InlineData("/api/v1/history/units/00082?metric=dossier.received&from=2026-11-01&to=2026-11-02&format=csv", AccessRoles.Analyst)]
    [InlineData("/api/v1/review?period=month&value=2026-11", AccessRoles.Reviewer)]
    [InlineData("/api/v1/psi?period=month&value=2026-11&format=xlsx", AccessRoles.Reviewer)]
    [InlineData("/api/v1/admin/accounts", AccessRoles.Admin)]
    [InlineData("/ops/orleans/", AccessRoles.Admin)]
    public async Task APageOrExportOpensForItsRoleAndAboveAndSendsOthersToSignInOrAccessDenied(string path, string least)
    {
        var client = factory.Browser();
        foreach (var subject in Subjects)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add(TestIdentityHandler.RoleHeader, subject);
            using var response = await client.SendAsync(request);
            var expected = subject == TestIdentityHandler.Anonymous ? "sign-in" : AccessRoles.AtLeast(least).Contains(subject) ? "allowed" : "denied";
            Outcome(response).Should().Be(expected, $"{path} as {subject} ({(int)response.StatusCode} {response.Headers.Location})");
        }
    }

    [Theory]
    [InlineData("/api/v1/kpi/units/00082", true)]
    [InlineData("/api/v1/kpi/units/00070", false)]
    [InlineData("/api/v1/kpi/city", true)]
    [InlineData("/api/v1/kpi/units", false)]
    [InlineData("/api/v1/kpi/agencies/VPUBND", false)]
    [InlineData("/api/v1/open-dossiers/units/00070", false)]
    [InlineData("/api/v1/history/units/00070?metric=dossier.received&from=2026-11-01&to=2026-11-02&format=csv", false)]
    [InlineData("/api/v1/history/units/00082?metric=dossier.received&from=2026-11-01&to=2026-11-02&format=csv", true)]
    [InlineData("/wards/00082", true)]
    [InlineData("/wards/00070", false)]
    [InlineData("/agencies/VPUBND", false)]
    public async Task AWardLimitedAnalystReadsItsWardAndTheCityButNoOtherUnitsPageApiOrExport(string path, bool allowed)
    {
        var client = factory.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(TestIdentityHandler.RoleHeader, AccessRoles.Analyst);
        request.Headers.Add(TestIdentityHandler.UnitsHeader, AccessFactory.LimitedWard);

        using var response = await client.SendAsync(request);

        Outcome(response).Should().Be(allowed ? "allowed" : "denied", $"{(int)response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task AWardLimitedServiceTokenIsHeldToItsWardLikeAPerson()
    {
        var client = factory.WithToken(AccessFactory.LimitedToken);

        (await client.GetAsync("/api/v1/kpi/units/00082")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/kpi/units/00070")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync("/api/v1/kpi/units")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AServiceTokenIsNeverAcceptedByAPage()
    {
        var client = factory.WithToken(AccessFactory.Token(AccessRoles.Admin));

        var response = await client.GetAsync("/");

        Outcome(response).Should().Be("sign-in");
    }

    [Fact]
    public async Task AnUnknownBearerTokenGets401WithTheReason()
    {
        var response = await factory.WithToken("not-a-token").GetAsync("/api/v1/kpi/city");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("Bearer");
    }

    [Fact]
    public async Task HealthAndTheSignInPageAnswerWithoutAuthentication()
    {
        var client = factory.Browser();

        (await client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/account/login")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/pair")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task EveryAnswerCarriesTheSecurityHeaders()
    {
        var response = await factory.Browser().GetAsync("/account/login");

        string.Join(" | ", response.Headers.GetValues("Content-Security-Policy")).Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.NotContain("script-src 'self' 'unsafe-inline'");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
    }

    /// <summary>
    /// The outcome of one request. Refusals answer at once; an endpoint that keeps the request open (a stream, a long
    /// poll) was let in, so a request still waiting for its headers after a few seconds counts as allowed.
    /// </summary>
    private static async Task<(string Outcome, HttpResponseMessage? Response)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, wait.Token);
            return (Outcome(response), response);
        }
        catch (OperationCanceledException) when (wait.IsCancellationRequested)
        {
            return ("allowed", null);
        }
    }

    /// <summary>An admin asking gets 404: the path matched no route (the route's own constraints refused the sample).</summary>
    private static async Task<bool> NotMatchedAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add(TestIdentityHandler.RoleHeader, AccessRoles.Admin);
        var (_, response) = await SendAsync(client, request);
        using (response)
        {
            return response?.StatusCode == HttpStatusCode.NotFound && response.Content.Headers.ContentType?.MediaType != "application/problem+json";
        }
    }

    /// <summary>allowed, denied (403 or the access-denied page), sign-in (401 or the sign-in page).</summary>
    private static string Outcome(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "sign-in",
            HttpStatusCode.Forbidden => "denied",
            HttpStatusCode.Redirect or HttpStatusCode.Found when location.Contains("/account/login", StringComparison.Ordinal) => "sign-in",
            HttpStatusCode.Redirect or HttpStatusCode.Found when location.Contains("/account/denied", StringComparison.Ordinal) => "denied",
            _ => "allowed",
        };
    }

    private IEnumerable<RouteEndpoint> Endpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private static bool IsOpen(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null && (IsStaticFile(endpoint) ||
        OpenPrefixes.Any(p => ("/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/')).StartsWith(p, StringComparison.OrdinalIgnoreCase)));

    /// <summary>A file of wwwroot (MapStaticAssets): a literal route whose last segment has an extension.</summary>
    private static bool IsStaticFile(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.Parameters.Count == 0 && endpoint.RoutePattern.PathSegments.LastOrDefault()?.Parts is [RoutePatternLiteralPart { Content: var last }] && last.Contains('.');

    /// <summary>The role policy of an endpoint (the last named wins, as the framework combines them all).</summary>
    private static string? Policy(RouteEndpoint endpoint)
    {
        var named = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).ToList();
        var roles = named.Where(p => p!.StartsWith("role:", StringComparison.Ordinal) || p == AccessPolicies.AdminApiWrite).ToList();
        if (roles.Count == 0)
        {
            // The framework's own endpoints (the Blazor circuit, its redirect helper, the static-file fallback) and the 404
            // page are under the fallback policy: someone signed in, whatever the role.
            var raw = endpoint.RoutePattern.RawText ?? "";
            return raw.StartsWith("/_blazor", StringComparison.Ordinal) || raw is "/_framework/opaque-redirect" or "{**path:file}" or "/not-found" ? "fallback" : null;
        }

        return roles.Contains(AccessPolicies.AdminApiWrite) ? AccessPolicies.AdminApiWrite
            : roles.MaxBy(p => AccessRoles.All.ToList().IndexOf(p!["role:".Length..]));
    }

    /// <summary>The least role a policy lets in; null: none of the test identities (admin changes need an admin service token).</summary>
    private static string? LeastRole(string policy) => policy switch
    {
        "fallback" => AccessRoles.Viewer,
        AccessPolicies.AdminApiWrite => null,
        _ => policy["role:".Length..],
    };

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods.Where(m => m != "OPTIONS" && m != "HEAD") : ["GET"];

    /// <summary>A concrete path for a route: a ward, an agency or the city for {code}, 1 for ids, "x" for the rest.</summary>
    private static string Sample(RoutePattern pattern)
    {
        var parts = new List<string>();
        string? previous = null;
        foreach (var segment in pattern.PathSegments)
        {
            var text = "";
            foreach (var part in segment.Parts)
            {
                text += part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart p when p.Name.Equals("code", StringComparison.OrdinalIgnoreCase) => previous switch { "agencies" => "VPUBND", "city" => "01", _ => "00082" },
                    RoutePatternParameterPart { Name: "format" } => "svg",
                    RoutePatternParameterPart { Name: "id" } => "1",
                    RoutePatternParameterPart { Name: "userName" } => "admin",
                    RoutePatternParameterPart { IsCatchAll: true } => "",
                    _ => "x",
                };
            }

            previous = segment.Parts is [RoutePatternLiteralPart l] ? l.Content : null;
            parts.Add(text);
        }

        return "/" + string.Join('/', parts).TrimEnd('/');
    }

    private static string Describe(RouteEndpoint e) => $"{string.Join(",", Methods(e))} {e.RoutePattern.RawText} ({e.DisplayName})";
}
