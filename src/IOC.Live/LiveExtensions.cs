using System.Text.Encodings.Web;
using IOC.Live.Feed;
using IOC.Live.Hub;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IOC.Live;

public static class LiveExtensions
{
    /// <summary>
    /// The live KPI feed that pages read (fed by the grains' pushes to this host's observer), and the SignalR hub that
    /// pushes it to other clients. Register after the grains: the feed seeds itself from them when it starts.
    /// </summary>
    public static IHostApplicationBuilder AddIocLive(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LiveStore>();
        builder.Services.AddSingleton<LiveKpis>();
        builder.Services.AddHostedService<LiveFeedHost>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<KpiHubOptions>(builder.Configuration.GetSection(KpiHubOptions.Section));

        // Same JSON as the REST API: camelCase (the protocol's default) and Vietnamese not \u-escaped.
        builder.Services.AddSignalR()
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        builder.Services.AddSingleton<KpiBroadcaster>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<KpiBroadcaster>());
        return builder;
    }

    /// <summary>The KPI hub at <c>/hubs/kpi</c> (docs/signalr.md).</summary>
    public static IEndpointRouteBuilder MapIocLive(this IEndpointRouteBuilder app)
    {
        app.MapHub<KpiHub>(KpiHub.Path);
        return app;
    }
}
