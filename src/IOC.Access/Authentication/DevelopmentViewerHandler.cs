using System.Security.Claims;
using System.Text.Encodings.Web;
using IOC.Access.Authorization;
using IOC.Access.Roles;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IOC.Access.Authentication;

/// <summary>
/// Development environment only (registered nowhere else): a request without credentials is the "development viewer",
/// role viewer, so <c>dotnet run</c> opens the wallboard at once. Anything above a viewer's reach sends it to sign in.
/// </summary>
public sealed class DevelopmentViewerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<AccessOptions> access)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "development viewer";

    private string Role => AccessRoles.IsKnown(access.Value.DevelopmentViewerRole) ? access.Value.DevelopmentViewerRole : AccessRoles.Viewer;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var identity = AccessPrincipal.Identity(Scheme.Name, AccessClaims.Development, Name, Role, []);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (AccessSchemes.IsMachinePath(Request.Path))
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        else
        {
            Response.Redirect($"{AccessSchemes.LoginPath}?ReturnUrl={Uri.EscapeDataString(AccessSchemes.ReturnUrl(Request))}");
        }

        return Task.CompletedTask;
    }
}
