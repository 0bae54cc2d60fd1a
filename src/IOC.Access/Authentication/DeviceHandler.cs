using System.Security.Claims;
using System.Text.Encodings.Web;
using IOC.Access.Authorization;
using IOC.Access.Devices;
using IOC.Access.Roles;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IOC.Access.Authentication;

/// <summary>
/// A paired kiosk screen: its long-lived secret in the HttpOnly <see cref="AccessSchemes.DeviceCookie"/> makes it a
/// viewer. A revoked screen is sent to the "paired device revoked" page instead of the sign-in page.
/// </summary>
public sealed class DeviceHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, DeviceRegistry devices)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string RevokedKey = "ioc:device-revoked";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = Request.Cookies[AccessSchemes.DeviceCookie];
        if (string.IsNullOrEmpty(secret))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var (device, revoked) = devices.Find(secret);
        if (device is null)
        {
            Context.Items[RevokedKey] = revoked;
            return Task.FromResult(AuthenticateResult.Fail(revoked ? "This paired device was revoked." : "Unknown paired device."));
        }

        var identity = AccessPrincipal.Identity(Scheme.Name, AccessClaims.PairedDevice, device.Name, AccessRoles.Viewer, [], new Claim(AccessClaims.Device, device.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (AccessSchemes.IsMachinePath(Request.Path))
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        else if (Context.Items[RevokedKey] is true)
        {
            Response.Redirect(AccessSchemes.RevokedPath);
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
}
