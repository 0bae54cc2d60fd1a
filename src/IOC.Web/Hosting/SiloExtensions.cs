using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace IOC.Web.Hosting;

/// <summary>Where the silo listens: <c>Orleans:SiloPort</c> (0: a free loopback port chosen at start).</summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    public int SiloPort { get; set; }
}

public static class SiloExtensions
{
    /// <summary>
    /// Co-hosts one Orleans silo in this process (the embedded default): localhost clustering on 127.0.0.1 only, no
    /// client gateway (the web front calls the grains in-process), and the Orleans dashboard's data for
    /// <see cref="DashboardPath"/> (silos, grain counts, call rates and latencies).
    /// </summary>
    public static IHostApplicationBuilder AddIocSilo(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var port = options.SiloPort > 0 ? options.SiloPort : FreeLoopbackPort();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: port, gatewayPort: 0, serviceId: "ioc", clusterId: "ioc");
            silo.Configure<EndpointOptions>(e => e.SiloListeningEndpoint = new IPEndPoint(IPAddress.Loopback, port));
            silo.AddDashboard();
        });
        return builder;
    }

    public const string DashboardPath = "/ops/orleans";

    /// <summary>The Orleans dashboard for operators.</summary>
    public static IEndpointRouteBuilder MapIocOperations(this IEndpointRouteBuilder app)
    {
        app.MapOrleansDashboard(routePrefix: DashboardPath);
        return app;
    }

    /// <summary>A port free now on 127.0.0.1 (the OS picks it), so that several instances and tests never collide.</summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
