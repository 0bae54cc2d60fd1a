using IOC.Live.Feed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IOC.Live;

public static class LiveExtensions
{
    /// <summary>The live KPI feed that pages and the hub read.</summary>
    public static IHostApplicationBuilder AddIocLive(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LiveKpis>();
        return builder;
    }
}
