using System.Security.Claims;
using System.Text.Encodings.Web;
using IOC.Access.Authorization;
using IOC.Access.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IOC.Access.Authentication;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> (or SignalR's <c>access_token</c> on /hubs, since browsers cannot set
/// headers on WebSockets) for systems that read IOC. The selector sends only API and hub requests here.
/// </summary>
public sealed class ServiceTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ServiceTokenRegistry tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = AccessSchemes.HasBearer(Request) ? Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim()
            : Request.Path.StartsWithSegments("/hubs") ? Request.Query["access_token"].ToString()
            : "";
        if (string.IsNullOrEmpty(token))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var (match, reason) = tokens.Resolve(token);
        if (match is null)
        {
            Context.Items[FailureKey] = reason;
            return Task.FromResult(AuthenticateResult.Fail(reason!));
        }

        var identity = AccessPrincipal.Identity(Scheme.Name, AccessClaims.Service, match.Name, match.Role, match.Units, new Claim(AccessClaims.Token, match.Id));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: 401, title: "Unauthorized", detail: Context.Items[FailureKey] as string ?? "A bearer token is required.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(statusCode: 403, title: "Forbidden", detail: $"The token '{Context.User.Identity?.Name}' (role {Context.User.Role()}) may not do this.").ExecuteAsync(Context);
    }

    private const string FailureKey = "ioc:token-failure";
}
