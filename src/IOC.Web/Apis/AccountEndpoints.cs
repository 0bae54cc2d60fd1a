using System.Security.Claims;
using IOC.Access;
using IOC.Access.Audit;
using IOC.Access.Authentication;
using IOC.Access.Authorization;
using IOC.Access.Devices;
using IOC.Access.Roles;
using IOC.Access.Store;
using IOC.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IOC.Web.Apis;

/// <summary>
/// The sign-in steps that are not pages (the pages are in IOC.Dashboards, Pages/Account): sign-out, the external
/// (OpenID Connect) sign-in and its return, and pairing a screen. Every POST is a form with its anti-forgery token.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Each form checks its anti-forgery token itself (Forged): a bad one then gets a 400 that says so, where the
        // framework's check answers an empty 400 that the status-code pages would turn into the "not found" page.
        app.MapPost("/account/logout", Logout).DisableAntiforgery().WithName("SignOut").WithSummary("Signs the person out (form post with anti-forgery token).").ExcludeFromDescription();
        app.MapPost("/account/external", External).DisableAntiforgery().RequireRateLimiting(RateLimits.SignIn).WithName("ExternalSignIn").ExcludeFromDescription();
        app.MapGet("/account/external/callback", ExternalCallback).WithName("ExternalSignInCallback").ExcludeFromDescription();
        app.MapPost("/device/pair", Pair).DisableAntiforgery().RequireRateLimiting(RateLimits.SignIn).WithName("PairDevice").ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Logout(HttpContext http, SignInManager<IocUser> signIn, IAuditLog audit, IAntiforgery antiforgery)
    {
        if (await Forged(http, antiforgery) is { } refused)
        {
            return refused;
        }

        if (http.User.KindOf() == AccessClaims.Person)
        {
            await audit.WriteAsync(http, AuditActions.SignOut, $"account {http.User.Identity?.Name}");
            await signIn.SignOutAsync();
        }

        return Results.LocalRedirect(AccessSchemes.LoginPath);
    }

    private static async Task<IResult> External(HttpContext http, SignInManager<IocUser> signIn, IOptions<AccessOptions> options, IAntiforgery antiforgery)
    {
        if (await Forged(http, antiforgery) is { } refused)
        {
            return refused;
        }

        var returnUrl = http.Request.Form["returnUrl"].ToString();
        if (!options.Value.Oidc.Enabled)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No external sign-in", detail: "Access:Oidc:Authority is not set.");
        }

        var redirect = $"/account/external/callback?ReturnUrl={Uri.EscapeDataString(Local(returnUrl))}";
        return Results.Challenge(signIn.ConfigureExternalAuthenticationProperties(OidcSetup.Scheme, redirect), [OidcSetup.Scheme]);
    }

    /// <summary>Links the provider's person to a local account (created at the first sign-in) and signs them in.</summary>
    private static async Task<IResult> ExternalCallback(HttpContext http, SignInManager<IocUser> signIn, UserManager<IocUser> users, IAuditLog audit,
        AccessRevocations revocations, IOptions<AccessOptions> options, TimeProvider time, [FromQuery(Name = "ReturnUrl")] string? returnUrl)
    {
        var settings = options.Value.Oidc;
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            await audit.WriteAsync(http, AuditActions.SignInFailed, "external sign-in", "the provider's answer could not be read", succeeded: false);
            return Results.LocalRedirect($"{AccessSchemes.LoginPath}?error=external");
        }

        var claims = info.Principal;
        var role = claims.FindAll(settings.RoleClaim).Select(c => c.Value).Where(AccessRoles.IsKnown).MaxBy(r => AccessRoles.All.ToList().IndexOf(r));
        var units = claims.FindAll(settings.UnitsClaim).SelectMany(c => UnitCodes.Parse(c.Value)).ToList();
        var user = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (user is null)
        {
            var name = claims.FindFirst("preferred_username")?.Value ?? claims.FindFirst("email")?.Value ?? info.ProviderKey;
            // A local account of the same name is never taken over by a provider's person: the external one is suffixed.
            if (await users.FindByNameAsync(name) is not null)
            {
                name = $"{name}@{info.LoginProvider}";
            }

            user = new IocUser { UserName = name, DisplayName = claims.FindFirst("name")?.Value ?? name, Units = UnitCodes.Join(units), CreatedAt = time.GetUtcNow() };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                await audit.WriteAsync(http, AuditActions.SignInFailed, $"account {name}", string.Join(" ", created.Errors.Select(e => e.Description)), succeeded: false);
                return Results.LocalRedirect($"{AccessSchemes.LoginPath}?error=external");
            }

            await users.AddLoginAsync(user, info);
            if ((role ?? NullIfEmpty(settings.DefaultRole)) is { } first && AccessRoles.IsKnown(first))
            {
                await users.AddToRoleAsync(user, first);
            }

            await audit.WriteAsync(http, AuditActions.AccountCreated, $"account {user.UserName}", $"external sign-in ({info.LoginProvider}); role {role ?? NullIfEmpty(settings.DefaultRole) ?? "none"}");
        }
        else if (role is not null || claims.HasClaim(c => c.Type == settings.UnitsClaim))
        {
            // The provider says who may do what: its word is synced at every sign-in.
            await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
            if (role is not null)
            {
                await users.AddToRoleAsync(user, role);
            }

            user.Units = UnitCodes.Join(units);
            await users.UpdateAsync(user);
        }

        if (await users.IsLockedOutAsync(user))
        {
            await audit.WriteAsync(http, AuditActions.SignInFailed, $"account {user.UserName}", "locked out", succeeded: false);
            return Results.LocalRedirect($"{AccessSchemes.LoginPath}?error=locked");
        }

        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        await signIn.SignInAsync(user, isPersistent: false, info.LoginProvider);
        user.LastSignInAt = time.GetUtcNow();
        await users.UpdateAsync(user);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.UserName!), new Claim(AccessClaims.Kind, AccessClaims.Person)], "external"));
        await audit.WriteAsync(AuditActions.SignIn, principal, AdminApi.Address(http), $"account {user.UserName}", $"external: {info.LoginProvider}");
        revocations.PersonChanged(user.UserName!);
        return Results.LocalRedirect(Local(returnUrl));
    }

    /// <summary>A screen trades its one-time code for its long-lived, view-only secret (an HttpOnly cookie), then shows the kiosk.</summary>
    private static async Task<IResult> Pair(HttpContext http, DeviceRegistry devices, IOptions<AccessOptions> options, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (await Forged(http, antiforgery) is { } refused)
        {
            return refused;
        }

        var code = http.Request.Form["code"].ToString();
        if (string.IsNullOrWhiteSpace(code))
        {
            return Results.LocalRedirect("/pair?error=missing");
        }

        var (device, secret, _) = await devices.PairAsync(code, http.User, AdminApi.Address(http), ct);
        if (device is null)
        {
            return Results.LocalRedirect("/pair?error=refused");
        }

        http.Response.Cookies.Append(AccessSchemes.DeviceCookie, secret!, new CookieOptions
        {
            HttpOnly = true,
            Secure = options.Value.CookieSecurePolicy == CookieSecurePolicy.Always || http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromDays(400),
            IsEssential = true,
        });
        return Results.LocalRedirect("/?kiosk=1");
    }

    private static async Task<IResult?> Forged(HttpContext http, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid form",
                detail: "The form's anti-forgery token is missing or invalid: reload the page and send the form again.");
        }
    }

    /// <summary>Only a path of this site: an open redirect would let a crafted sign-in link send a person elsewhere.</summary>
    public static string Local(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
