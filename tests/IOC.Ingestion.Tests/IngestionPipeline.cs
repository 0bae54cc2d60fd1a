using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.Grains.Messages;
using IOC.Grains.Ports;
using IOC.Ingestion.Inbox;
using IOC.Tests.Shared;
using IOC.Tests.Silo;

namespace IOC.Ingestion.Tests;

/// <summary>
/// The whole way in, started as often as a test restarts the process: a real SQLite inbox in a temp folder (the same
/// file at every start), an Orleans silo with IOC's grains rebuilding from that inbox (no history store: every grain
/// replays its inbox tail), and the ingestion service over the repository's units, all on the test's clock. Disposing
/// closes the inboxes and silos (last started first), then deletes the folder.
/// </summary>
internal sealed class IngestionPipeline(TimeProvider clock) : IAsyncDisposable
{
    private readonly TempFolder _folder = new("ioc-ingestion-");
    private readonly List<Started> _started = [];

    /// <param name="units">The units ingestion accepts (default: the repository's).</param>
    /// <param name="writeThrough">What ingestion writes through (default: the inbox itself), e.g. a held or failing one.</param>
    public async Task<Started> StartAsync(IngestionOptions? options = null, UnitCatalog? units = null, Func<SqliteInbox, IInbox>? writeThrough = null)
    {
        var inbox = new SqliteInbox(_folder.File("inbox.db"));
        var tail = new InboxTail(inbox, Seed.Units, new Quarantine(new MemoryQuarantine(), clock), clock);
        var silo = await TestSilo.StartAsync(clock, new InboxOnlyRecovery(tail, inbox), new NoHistory());
        var ingestion = new IngestionService(writeThrough?.Invoke(inbox) ?? inbox, silo.Delivery, units ?? Seed.Units, options ?? new IngestionOptions(), clock);
        var started = new Started(ingestion, new Figures(silo), inbox, silo, tail);
        _started.Add(started);
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var started in Enumerable.Reverse(_started))
        {
            started.Inbox.Dispose();
            await started.Silo.DisposeAsync();
        }

        _folder.Dispose();
    }

    /// <summary>What one <see cref="StartAsync"/> opened.</summary>
    public sealed record Started(IngestionService Ingestion, Figures Figures, SqliteInbox Inbox, TestSilo Silo, InboxTail Tail)
    {
        public void Deconstruct(out IngestionService ingestion, out Figures figures, out SqliteInbox inbox, out TestSilo silo)
        {
            (ingestion, figures, inbox, silo) = (Ingestion, Figures, Inbox, Silo);
        }

        /// <summary>What the web host does before serving: every unit grain recovers, and ingestion learns the open dossiers.</summary>
        public async Task WarmAsync()
        {
            var reader = Silo.Reader;
            var units = reader.UnitKeys().Where(u => u.Level != UnitLevel.Direct).ToList();
            var open = await Task.WhenAll(units.Select(u => reader.OpenDossiersAsync(u, null)));
            Ingestion.RestoreLedger(open.SelectMany(o => o).Select(d => (d.DossierId, d.ReceivedAt)));
        }
    }

    /// <summary>The grains' figures now: every event delivered before is in (the KPI API reads them this way).</summary>
    public sealed class Figures(TestSilo silo)
    {
        public Task<GrainSnapshot> City() => silo.Reader.SnapshotAsync(UnitKey.City);

        public Task<GrainSnapshot> Get(UnitKey key) => silo.Reader.SnapshotAsync(key);
    }

    private sealed class InboxOnlyRecovery(InboxTail tail, IInbox inbox) : IUnitRecovery
    {
        public Task<RecoveryPlan> PlanAsync(UnitKey key, CancellationToken cancellationToken) =>
            Task.FromResult(new RecoveryPlan(new RestoredState(), FoldCut.None, "the inbox"));

        public IAsyncEnumerable<InboxPage> ReadTailAsync(UnitKey key, long afterSeq, long throughSeq, CancellationToken cancellationToken) =>
            tail.ReadAsync(key, afterSeq, throughSeq, cancellationToken);

        public Task<long> LastSeqAsync(CancellationToken cancellationToken) => Task.FromResult(inbox.LastSeq());
    }
}
