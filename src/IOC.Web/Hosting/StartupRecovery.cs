using IOC.Grains.Publishing;
using IOC.Grains.Routing;
using IOC.History.Recovery;
using IOC.History.Writing;
using IOC.Ingestion;

namespace IOC.Web.Hosting;

/// <summary>
/// Rebuilds the grains on start, before the server accepts a request: from the history store plus the inbox events
/// after the last saved checkpoint (or from the whole inbox the first time, or when the store is unreachable),
/// then starts the history writer. A restart shows the KPIs it showed before.
/// </summary>
public sealed class StartupRecovery(
    IngestionService ingestion,
    GrainRouter router,
    SnapshotPublisher publisher,
    HistoryWriter writer,
    HistoryRestorer restorer,
    ILogger<StartupRecovery> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        void Log(string message) => logger.LogInformation("{Recovery:l}", message);
        writer.Attach(publisher);
        var plan = await restorer.RestoreAsync(router, publisher, cancellationToken);
        Log(plan.Summary);
        var checkpoint = plan.Checkpoint;
        switch (plan.Mode)
        {
            case RestoreMode.FromStore:
                ingestion.RestoreLedger(plan.OpenDossiers);
                await ingestion.RecoverAsync(new InboxRange(checkpoint.Through, Skip: checkpoint.Includes), Log, cancellationToken);
                break;
            case RestoreMode.WholeInbox:
                // The checkpoint's events are in the buffer or the store already: fold them, hand their changes over
                // in one tick that is not saved, then replay the rest as usual.
                using (writer.Suppress())
                {
                    var last = checkpoint.Beyond.Count == 0 ? checkpoint.Through : Math.Max(checkpoint.Through, checkpoint.Beyond.Max(r => r.Last));
                    await ingestion.RecoverAsync(new InboxRange(0, last, Skip: seq => !checkpoint.Includes(seq)), Log, cancellationToken);
                    await publisher.RefreshAsync(cancellationToken);
                }

                router.Seqs.Resume(checkpoint);
                await ingestion.RecoverAsync(new InboxRange(checkpoint.Through, Skip: checkpoint.Includes), Log, cancellationToken);
                break;
            default:
                await ingestion.RecoverAsync(InboxRange.All, Log, cancellationToken);
                break;
        }

        await publisher.RefreshAsync(cancellationToken);
        writer.Start();
    }
}
