using IOC.Access.Devices;
using IOC.Access.Keys;
using IOC.Access.Tokens;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IOC.Access.Store;

/// <summary>
/// Loads the producer key, service token and device registries at start and, when other nodes write the same store
/// (a cluster), reads them again every <see cref="AccessOptions.SyncMilliseconds"/>: a key created on one node works on
/// every node, and a key, token or screen revoked on one node is refused by every node within that time (its open hub
/// connections and pages closed there too). On one node a change is in the registry at once; nothing to re-read.
/// </summary>
public sealed partial class AccessRegistrySync(
    AccessStore store,
    ProducerKeyRegistry keys,
    ServiceTokenRegistry tokens,
    DeviceRegistry devices,
    IOptions<AccessOptions> options,
    TimeProvider time,
    ILogger<AccessRegistrySync> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await keys.ReloadAsync(cancellationToken);
        await tokens.ReloadAsync(cancellationToken);
        await devices.ReloadAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!store.Shared)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(100, options.Value.SyncMilliseconds)), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await ReloadAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The store is down: the registries keep what they held (revocations already seen stay) and try again.
                    LogSyncFailed(logger, store.Describe, ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the producer keys, service tokens and devices from {Store}: {Reason}")]
    private static partial void LogSyncFailed(ILogger logger, string store, string reason);
}
