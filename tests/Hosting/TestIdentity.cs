using System.Security.Claims;
using System.Text.Encodings.Web;
using IOC.Access.Authentication;
using IOC.Access.Authorization;
using IOC.Access.Roles;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IOC.Testing.Hosting;

/// <summary>
/// The test identity of <see cref="IocWebFactory"/> (docs/security.md, "Tests"): a request that carries no
/// credentials of its own (no session or device cookie, no bearer token) is signed in as the factory's role, so the
/// tests written before access control keep reading pages, APIs and the hub. A test picks another role per request
/// with <see cref="RoleHeader"/> (<c>anonymous</c>: no identity at all, as in production) and unit limits with
/// <see cref="UnitsHeader"/>. Real cookies and tokens always win: sign-in, device and token tests use the real schemes.
/// </summary>
public sealed class TestIdentityHandler(IOptionsMonitor<TestIdentityOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<TestIdentityOptions>(options, logger, encoder)
{
    public const string SchemeName = "test-identity";

    public const string RoleHeader = "X-Test-Role";

    public const string UnitsHeader = "X-Test-Units";

    public const string Anonymous = "anonymous";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var role = Request.Headers[RoleHeader].ToString() is { Length: > 0 } asked ? asked : Options.Role;
        if (role is null or Anonymous)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var units = Request.Headers[UnitsHeader].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var identity = AccessPrincipal.Identity(SchemeName, AccessClaims.Person, $"test-{role}", role, units);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (AccessSchemes.IsMachinePath(Request.Path))
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        else
        {
            Response.Redirect($"{AccessSchemes.LoginPath}?ReturnUrl={Uri.EscapeDataString(AccessSchemes.ReturnUrl(Request))}");
        }

        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (AccessSchemes.IsMachinePath(Request.Path))
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        else
        {
            Response.Redirect($"{AccessSchemes.DeniedPath}?ReturnUrl={Uri.EscapeDataString(AccessSchemes.ReturnUrl(Request))}");
        }

        return Task.CompletedTask;
    }

    /// <summary>Adds the scheme and puts it in front of the app's selector for requests without credentials.</summary>
    public static void Register(IServiceCollection services, string? role)
    {
        services.AddAuthentication().AddScheme<TestIdentityOptions, TestIdentityHandler>(SchemeName, o => o.Role = role);
        services.PostConfigure<PolicySchemeOptions>(AccessSchemes.Selector, o =>
        {
            var app = o.ForwardDefaultSelector!;
            o.ForwardDefaultSelector = context => HasCredentials(context.Request) ? app(context) : SchemeName;
        });
    }

    private static bool HasCredentials(HttpRequest request) =>
        request.Cookies.ContainsKey(AccessSchemes.PersonCookie) || request.Cookies.ContainsKey(AccessSchemes.DeviceCookie) ||
        request.Headers.Authorization.Count > 0 || request.Query.ContainsKey("access_token");
}

public sealed class TestIdentityOptions : AuthenticationSchemeOptions
{
    /// <summary>The role of a request without credentials or <see cref="TestIdentityHandler.RoleHeader"/>; null: anonymous.</summary>
    public string? Role { get; set; } = AccessRoles.Admin;
}
