using IOC.Access;
using Microsoft.AspNetCore.HttpOverrides;
using IOC.Web.Security;
using Microsoft.Extensions.Options;

namespace IOC.Web.Hosting;

public static class AccessHosting
{
    /// <summary>
    /// Access control (IOC.Access) on the data folder's access.db, or on the cluster's PostgreSQL with
    /// <c>Storage:Access=postgres</c> and <c>ConnectionStrings:Access</c> (docs/cluster.md), and the rate limits
    /// (per node); docs/security.md.
    /// </summary>
    public static IHostApplicationBuilder AddIocAccessControl(this IHostApplicationBuilder builder)
    {
        builder.AddIocAccess(
            sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.ResolveDataDir(),
            SharedStores.ConnectionString(builder.Configuration, "Access"));
        var options = builder.Configuration.GetSection(AccessOptions.Section).Get<AccessOptions>() ?? new AccessOptions();
        builder.Services.AddIocRateLimits(options.RateLimits);
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    /// <summary>
    /// Before any endpoint: security headers (HSTS over HTTPS outside Development), who the request is, a first
    /// password's gate, the policies, the rate limits, and the audit of downloads.
    /// </summary>
    public static WebApplication UseIocAccess(this WebApplication app)
    {
        // Behind the reverse proxy that terminates TLS (docs/deploy.md): its X-Forwarded-Proto makes the request HTTPS
        // (Secure cookies, HSTS) and X-Forwarded-For names the client in the audit log and the rate limits. Only a
        // proxy on loopback is believed (the framework's default KnownProxies), and those named in Access:KnownProxies.
        // A cluster's front on another machine is named in Access:KnownProxies.
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        foreach (var proxy in app.Services.GetRequiredService<IOptions<AccessOptions>>().Value.KnownProxies)
        {
            forwarded.KnownProxies.Add(System.Net.IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new OptionsValidationException("Access:KnownProxies", typeof(AccessOptions), [$"Access:KnownProxies: '{proxy}' is not an IP address."]));
        }

        app.UseForwardedHeaders(forwarded);
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        var oidc = app.Services.GetRequiredService<IOptions<AccessOptions>>().Value.Oidc;
        app.UseIocSecurityHeaders(oidc.Enabled ? new Uri(oidc.Authority).GetLeftPart(UriPartial.Authority) : null);
        app.UseAuthentication();
        app.UsePasswordChangeGate();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseDownloadAudit();
        return app;
    }
}
