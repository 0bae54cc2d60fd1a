namespace IOC.Web.Security;

/// <summary>
/// Headers on every answer: a Content-Security-Policy with no inline script (Blazor Server needs none: its scripts
/// are files and its circuit a same-origin WebSocket; styles stay 'unsafe-inline' for the components' style
/// attributes), no framing, no MIME sniffing, no referrer (pairing links carry a code). HSTS is added by UseHsts
/// outside Development, over HTTPS only. The Orleans dashboard (admins only) ships inline scripts: its pages get them.
/// </summary>
public static class SecurityHeaders
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    /// <param name="formTargets">Origins a sign-in form may lead to besides this one (an OpenID Connect provider).</param>
    public static IApplicationBuilder UseIocSecurityHeaders(this IApplicationBuilder app, string? formTargets = null)
    {
        var policy = string.IsNullOrEmpty(formTargets) ? Policy : Policy + " " + formTargets;
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(Hosting.SiloExtensions.DashboardPath) ? DashboardPolicy : policy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return next(context);
        });
    }
}
