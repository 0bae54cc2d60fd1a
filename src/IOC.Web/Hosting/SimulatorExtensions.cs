using IOC.Domain.Units;
using IOC.Ingestion;
using IOC.Ingestion.Simulation;
using Microsoft.Extensions.Options;

namespace IOC.Web.Hosting;

public static class SimulatorExtensions
{
    /// <summary>Live traffic for all wards and agencies, through the same ingestion as HTTP; off with Simulator:Enabled=false.</summary>
    public static IHostApplicationBuilder AddIocSimulator(this IHostApplicationBuilder builder, bool enabled)
    {
        builder.Services.Configure<SimulatorOptions>(builder.Configuration.GetSection("Simulator"));
        if (enabled && builder.Configuration.GetValue("Simulator:Enabled", true))
        {
            builder.Services.AddHostedService<SimulatorHost>();
        }

        return builder;
    }
}

public sealed class SimulatorHost(
    IngestionService ingestion,
    UnitCatalog units,
    IOptions<SimulatorOptions> options,
    TimeProvider time,
    ILogger<SimulatorHost> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        logger.LogInformation("Simulator on: seed {Seed}, about {Rate} events/s at the daily mean", settings.Seed, settings.EventsPerSecond);
        var generator = new TrafficGenerator(units, settings);
        var simulator = new TrafficSimulator(ingestion, generator, settings, time, message => logger.LogWarning("Simulator: {Message}", message));
        try
        {
            await simulator.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
