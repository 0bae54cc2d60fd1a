using IOC.Dashboards.Components;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Radzen;

namespace IOC.Dashboards.Hosting;

public static class DashboardExtensions
{
    /// <summary>Blazor Interactive Server and Radzen's chart services.</summary>
    public static IHostApplicationBuilder AddIocDashboards(this IHostApplicationBuilder builder)
    {
        // Run from the build output in any environment (tests, benchmarks, Production without publishing), the
        // pages' CSS/JS and Radzen's assets are found through the build's manifest; ASP.NET Core only does this in
        // Development by itself. Published output has no such manifest and serves wwwroot, so this is then a no-op.
        if (builder is WebApplicationBuilder web)
        {
            StaticWebAssetsLoader.UseStaticWebAssets(web.Environment, web.Configuration);
        }

        builder.Services.AddWebEncoders(options => options.TextEncoderSettings = PageText.Encoder);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddRadzenComponents();
        builder.Services.Configure<WallboardOptions>(builder.Configuration.GetSection("Wallboard"));
        builder.Services.AddOptions<WallboardOptions>()
            .Validate(o => Models.WallboardPeriod.IsChoice(o.KioskPeriod), "Wallboard:KioskPeriod must be today, 7d, mtd or ytd.")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>The pages and their static assets, the framework's own blazor.web.js among them.</summary>
    public static WebApplication MapIocDashboards(this WebApplication app)
    {
        // An address nobody serves gets the 404 page in the reader's language with the ways back, still with status
        // 404. Under /api the inner handler answers first with a problem body (AddProblemDetails), and a response
        // with a body is left alone by the outer one.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseLanguageCookie();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();   // the sign-in page needs its CSS; nothing in wwwroot is private
        var manifest = AppManifest.Json(app.Services.GetRequiredService<IOC.Domain.Units.UnitCatalog>().Head);
        app.MapGet(AppManifest.Path, () => Results.Text(manifest, AppManifest.ContentType)).ExcludeFromDescription().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
