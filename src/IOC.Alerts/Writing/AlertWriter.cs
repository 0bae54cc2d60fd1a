using System.Threading.Channels;
using IOC.Alerts.Storage;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IOC.Alerts.Writing;

/// <summary>
/// This silo's alert sink: grains hand their recorded changes here and go on (a queue, never a wait on the disk); one
/// loop writes them to the store in batches, then hands them to the notifiers. On stop it writes what is queued.
/// </summary>
public sealed partial class AlertWriter(IAlertStore store, IEnumerable<IAlertNotifier> notifiers, ILogger<AlertWriter> logger)
    : BackgroundService, IAlertSink
{
    private readonly Channel<IReadOnlyList<AlertChange>> _queue = Channel.CreateUnbounded<IReadOnlyList<AlertChange>>(
        new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(IReadOnlyList<AlertChange> changes)
    {
        if (!_queue.Writer.TryWrite(changes))
        {
            // Only after the host stopped: the grains are deactivating, their instances are restored from the store as last written.
            LogDroppedAfterStop(logger, changes.Count);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not tied to stoppingToken: the loop ends when the queue is completed and drained, so nothing queued is lost.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            var batch = new List<AlertChange>();
            while (_queue.Reader.TryRead(out var changes))
            {
                batch.AddRange(changes);
            }

            try
            {
                store.Write(batch);
            }
            catch (Exception ex)
            {
                LogWriteFailed(logger, ex, batch.Count);
            }

            foreach (var notifier in notifiers)
            {
                notifier.Notify(batch);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record {Changes} alert change(s)")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int changes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Changes} alert change(s) came after the writer stopped and are not recorded")]
    private static partial void LogDroppedAfterStop(ILogger logger, int changes);
}

/// <summary>Something told of recorded alert changes after they are stored (webhooks); must not block.</summary>
public interface IAlertNotifier
{
    void Notify(IReadOnlyList<AlertChange> changes);
}
