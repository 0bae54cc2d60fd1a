using IOC.Domain.Units;
using IOC.Ingestion;
using IOC.Ingestion.Inbox;
using IOC.Ingestion.Simulation;
using Microsoft.Extensions.Options;
using Orleans;

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

/// <summary>
/// Runs the simulator. Registered after <see cref="GrainWarmup"/>, whose start recovers the grains from the inbox
/// (hosted services start one after the other), so the open work of earlier runs is in the grains to adopt.
/// </summary>
public sealed class SimulatorHost(
    IngestionService ingestion,
    IInbox inbox,
    IGrainFactory grains,
    UnitCatalog units,
    IOptions<SimulatorOptions> options,
    TimeProvider time,
    ILogger<SimulatorHost> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var generator = new TrafficGenerator(units, settings);
        logger.LogInformation(
            "Simulator on: seed {Seed}, about {Rate:0.##} events/s on average over the week ({Source})",
            settings.Seed,
            generator.EventsPerSecond,
            settings.EventsPerSecond is null ? "scaled to the scope's communes" : "Simulator:EventsPerSecond");
        if (settings.BackfillDays > 0)
        {
            await BackfillAsync(settings, stoppingToken);
        }

        var simulator = new TrafficSimulator(ingestion, generator, settings, time, message => logger.LogWarning("Simulator: {Message}", message));
        try
        {
            try
            {
                var adopted = await simulator.AdoptLeftoversAsync(grains, units);
                logger.LogInformation(
                    "Simulator adopted {Dossiers} open dossiers and {Tickets} open tickets left by earlier runs",
                    adopted.Dossiers,
                    adopted.Tickets);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Without adoption the leftovers only stay open; new traffic matters more than they do.
                logger.LogError(ex, "Simulator could not adopt the open work of earlier runs");
            }

            await simulator.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Simulated history before the live feed, on a first run only: never mixed into an inbox that has data.</summary>
    private async Task BackfillAsync(SimulatorOptions settings, CancellationToken stoppingToken)
    {
        if (inbox.LastSeq() > 0)
        {
            logger.LogInformation("Simulator:BackfillDays is set but the inbox already holds events; no simulated history added");
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var days = Math.Min(settings.BackfillDays, SimulatedHistory.MaxDays);
        var accepted = await SimulatedHistory.BackfillAsync(ingestion, units, settings.Seed, days, time.GetUtcNow(), stoppingToken);
        logger.LogInformation(
            "Simulator added {Days} days of simulated history: {Events} events in {Seconds:0.0} s",
            days,
            accepted,
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
