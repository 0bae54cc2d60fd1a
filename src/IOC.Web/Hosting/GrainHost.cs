using IOC.Grains.Publishing;
using IOC.Grains.Routing;
using IOC.Ingestion;
using IOC.Web.Security;
using Microsoft.Extensions.Options;

namespace IOC.Web.Hosting;

/// <summary>
/// Rebuilds the grains (history store + inbox tail, see <see cref="StartupRecovery"/>) before the server accepts a
/// request, so a restart shows what was acknowledged before it; then runs the snapshot publisher's tick.
/// </summary>
public sealed class GrainHost(
    IngestionService ingestion,
    StartupRecovery recovery,
    SnapshotPublisher publisher,
    ApiKeyValidator apiKeys,
    IOptions<GrainOptions> options,
    TimeProvider time,
    ILogger<GrainHost> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Inbox at {InboxPath:l}; ingestion keys: {ApiKeyMode:l}", ingestion.Stats.Path, apiKeys.Mode);
        publisher.OnSubscriberError = ex => logger.LogError(ex, "A snapshot subscriber failed");
        await recovery.RunAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(10, options.Value.TickMilliseconds)), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await publisher.RefreshAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A failed tick must not stop the wallboards for good; /health reports shard faults.
                    logger.LogError(ex, "Snapshot tick failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
