using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace IOC.Access.Authentication;

/// <summary>
/// The ways in, and which one a request is read with (<see cref="Select"/>): a bearer service token only on APIs and
/// the hub (never on pages), then a person's cookie, then a paired device's cookie, then (Development only) the
/// development viewer.
/// </summary>
public static class AccessSchemes
{
    /// <summary>The default scheme: forwards to one of the others.</summary>
    public const string Selector = "ioc";

    public const string ServiceToken = "service-token";

    public const string Device = "device";

    public const string DevelopmentViewer = "development-viewer";

    public static string Person => IdentityConstants.ApplicationScheme;

    public const string PersonCookie = ".ioc.session";

    public const string DeviceCookie = ".ioc.device";

    public const string LoginPath = "/account/login";

    public const string DeniedPath = "/account/denied";

    public const string RevokedPath = "/device/revoked";

    /// <summary>Machine surfaces: failures are 401/403 answers, never redirects to the sign-in page; bearer tokens count here only.</summary>
    public static bool IsMachinePath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/openapi");

    public static string Select(HttpContext context, bool developmentViewer)
    {
        var request = context.Request;
        if (IsMachinePath(request.Path) && (HasBearer(request) || (request.Path.StartsWithSegments("/hubs") && request.Query.ContainsKey("access_token"))))
        {
            return ServiceToken;
        }

        if (request.Cookies.ContainsKey(PersonCookie))
        {
            return Person;
        }

        if (request.Cookies.ContainsKey(DeviceCookie))
        {
            return Device;
        }

        return developmentViewer ? DevelopmentViewer : Person;
    }

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>"/wards/00082?range=7d": where to come back to after signing in (local paths only).</summary>
    public static string ReturnUrl(HttpRequest request) => request.PathBase + request.Path + request.QueryString;
}
