using System.Net;
using System.Net.Sockets;
using IOC.Domain.Units;
using IOC.Grains;
using IOC.Grains.Delivery;
using IOC.Grains.Grains;
using IOC.Grains.Ports;
using IOC.Tests.Silo;
using IOC.Grains.Reading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IOC.Bench;

/// <summary>
/// One Orleans silo in the benchmark's process with IOC's grains, as the web host co-hosts it, but with no history
/// and no inbox behind the grains: what is measured is the grains' own work and Orleans' calls.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    public EventDelivery Delivery => _host.Services.GetRequiredService<EventDelivery>();

    public GrainReader Reader => _host.Services.GetRequiredService<GrainReader>();

    public static async Task<BenchSilo> StartAsync(UnitCatalog units)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var port = FreePort();
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort: port, gatewayPort: 0, serviceId: "ioc-bench", clusterId: "ioc-bench"));
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(units);
        services.AddSingleton<IUnitRecovery, NothingToRecover>();
        services.AddSingleton<IHistorySink, NoHistory>();
        services.AddMetrics();
        services.AddSingleton<IOC.Domain.Telemetry.IocMetrics>();
        services.AddSingleton<IQuarantineStore, MemoryQuarantine>();
        services.AddSingleton<Quarantine>();
        services.AddSingleton<UnitGrainServices>();
        services.AddSingleton<EventDelivery>();
        services.AddSingleton<GrainReader>();
        var host = builder.Build();
        await host.StartAsync();
        var silo = new BenchSilo(host);

        // Every unit active before anything is timed, as the web host's warm-up does.
        await silo.Reader.SnapshotsAsync(silo.Reader.UnitKeys().Append(UnitKey.City));
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
