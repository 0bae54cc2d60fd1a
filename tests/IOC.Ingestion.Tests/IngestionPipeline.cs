using IOC.Grains.Publishing;
using IOC.Grains.Routing;
using IOC.Ingestion.Inbox;
using IOC.Tests.Shared;

namespace IOC.Ingestion.Tests;

/// <summary>
/// The whole way in, started as often as a test restarts the process: a real SQLite inbox in a temp folder (the same
/// file at every start), two shards, the ingestion service over the repository's units, and a publisher, all on the
/// test's clock. Disposing closes the inboxes and services (last started first), then the routers, then deletes the folder.
/// </summary>
internal sealed class IngestionPipeline(TimeProvider clock) : IAsyncDisposable
{
    private readonly TempFolder _folder = new("ioc-ingestion-");
    private readonly List<IAsyncDisposable> _routers = [];
    private readonly List<IDisposable> _disposables = [];

    public Started Start(IngestionOptions? options = null)
    {
        var inbox = new SqliteInbox(_folder.File("inbox.db"));
        var router = new GrainRouter(new GrainOptions { Shards = 2 });
        var ingestion = new IngestionService(inbox, router, Seed.Units, options ?? new IngestionOptions(), clock);
        _disposables.Add(inbox);
        _disposables.Add(ingestion);
        _routers.Add(router);
        return new Started(ingestion, new SnapshotPublisher(router, clock), inbox, router);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            disposable.Dispose();
        }

        foreach (var router in _routers)
        {
            await router.DisposeAsync();
        }

        _folder.Dispose();
    }

    /// <summary>What one <see cref="Start"/> opened.</summary>
    public sealed record Started(IngestionService Ingestion, SnapshotPublisher Publisher, SqliteInbox Inbox, GrainRouter Router);
}
