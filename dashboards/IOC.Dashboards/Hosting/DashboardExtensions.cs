using IOC.Dashboards.Components;
using Microsoft.AspNetCore.Builder;
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
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddRadzenComponents();
        builder.Services.Configure<WallboardOptions>(builder.Configuration.GetSection("Wallboard"));
        return builder;
    }

    /// <summary>The pages, their static assets and the Blazor client script.</summary>
    public static WebApplication MapIocDashboards(this WebApplication app)
    {
        app.UseLanguageCookie();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapBlazorScript();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
