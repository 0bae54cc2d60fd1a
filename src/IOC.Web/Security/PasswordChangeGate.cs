using IOC.Access.Authentication;
using IOC.Access.Authorization;

namespace IOC.Web.Security;

/// <summary>
/// A person whose password is a first one (generated at first run, or set by an admin) may do nothing but choose
/// their own: pages lead to /account/password, APIs answer 403 saying so.
/// </summary>
public static class PasswordChangeGate
{
    public const string PasswordPath = "/account/password";

    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var path = context.Request.Path;
        if (!context.User.HasClaim(c => c.Type == AccessClaims.MustChangePassword) || path.StartsWithSegments("/account") ||
            path.StartsWithSegments("/_content") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/health"))
        {
            return next(context);
        }

        if (AccessSchemes.IsMachinePath(path))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Password change required", detail: $"Choose a new password at {PasswordPath} first.").ExecuteAsync(context);
        }

        context.Response.Redirect($"{PasswordPath}?ReturnUrl={Uri.EscapeDataString(AccessSchemes.ReturnUrl(context.Request))}");
        return Task.CompletedTask;
    });
}
