using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.Grains.Ports;
using IOC.Ingestion.Inbox;
using IOC.Ingestion.Inbox.Postgres;
using IOC.Tests.Shared;
using IOC.Tests.Silo;
using Microsoft.Extensions.Time.Testing;

namespace IOC.Ingestion.Tests.Inbox.Postgres;

/// <summary>
/// Several nodes' ingestion over one PostgreSQL inbox, delivering to one cluster's grains (docs/cluster.md,
/// "Checkpoints"): whatever the order of their commits and deliveries, and when a node dies between its commit and its
/// delivery, every stored event is counted exactly once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedIngestionTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly string[] Wards = ["00082", "00070", "00004", "00008"];

    private readonly FakeTimeProvider _clock = new(SampleEvents.Now);
    private readonly List<PostgresInbox> _inboxes = [];
    private readonly List<IngestionService> _nodes = [];
    private TestSilo _silo = null!;

    public async Task InitializeAsync()
    {
        var connection = await server.NewDatabaseAsync();
        for (var i = 0; i < 3; i++)
        {
            _inboxes.Add(new PostgresInbox(connection));
        }

        var tail = new InboxTail(_inboxes[0], Seed.Units, new Quarantine(new MemoryQuarantine(), _clock), _clock);
        _silo = await TestSilo.StartAsync(_clock, new SharedRecovery(tail, _inboxes[0]), new NoHistory(), tailReadMilliseconds: 500);
        _nodes.AddRange(_inboxes.Select(inbox => new IngestionService(inbox, _silo.Delivery, Seed.Units, new IngestionOptions(), _clock)));
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _inboxes.ForEach(i => i.Dispose());
    }

    [Fact]
    public async Task ThreeNodesTakingBatchesAtOnceWithRetriesOnAnotherNodeCountEveryEventOnce()
    {
        var batches = Enumerable.Range(0, 30).Select(b => Calls($"b{b}", 40)).ToList();

        // Each node takes every third batch; every fourth batch is sent again to the next node, as a producer that
        // lost the answer would.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(n => Task.Run(async () =>
        {
            for (var b = n; b < batches.Count; b += 3)
            {
                await _nodes[n].IngestAsync(batches[b], ndjson: false);
                if (b % 4 == 0)
                {
                    await _nodes[(n + 1) % 3].IngestAsync(batches[b], ndjson: false);
                }
            }
        })));

        (await CallsAsync(UnitKey.City)).Should().Be(1200);
        foreach (var ward in Wards)
        {
            (await CallsAsync(new UnitKey(UnitLevel.Ward, ward))).Should().Be(300);
        }

        _inboxes[2].Count().Should().Be(1200);
    }

    [Fact]
    public async Task EventsANodeStoredButDiedBeforeDeliveringAreCountedOnceAfterTheProducerRetriesElsewhere()
    {
        await _nodes[1].IngestAsync(Calls("before", 8), ndjson: false);
        var lost = Calls("lost", 20);

        // The dying node committed the batch and never delivered it; the producer, unanswered, sends it to node 2,
        // which finds every event already stored.
        _inboxes[0].AppendReturningSeqs([.. System.Text.Json.JsonDocument.Parse(lost).RootElement.EnumerateArray()
            .Select(e => new InboxItem(e.GetProperty("id").GetString()!, e.GetRawText(), e.GetProperty("unit").GetString(), null))]);
        var retried = await _nodes[2].IngestAsync(lost, ndjson: false);
        await _nodes[1].IngestAsync(Calls("after", 8), ndjson: false);

        retried.Duplicates.Should().Be(20);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await CallsAsync(UnitKey.City) != 36 && DateTime.UtcNow < deadline)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(100);
        }

        (await CallsAsync(UnitKey.City)).Should().Be(36);
        foreach (var ward in Wards)
        {
            (await CallsAsync(new UnitKey(UnitLevel.Ward, ward))).Should().Be(9);
        }
    }

    private static byte[] Calls(string prefix, int count) => SampleEvents.Array(
        [.. Enumerable.Range(0, count).Select(i => SampleEvents.Valid("hotline.call", $"{prefix}-{i}").With("unit", Wards[i % Wards.Length]))]);

    private async Task<long> CallsAsync(UnitKey key) => (await _silo.Reader.SnapshotAsync(key))[KpiWindow.Today][Counter.CallsOffered];

    /// <summary>No history store: a unit rebuilds from the shared inbox alone.</summary>
    private sealed class SharedRecovery(InboxTail tail, IInbox inbox) : IUnitRecovery
    {
        public Task<RecoveryPlan> PlanAsync(UnitKey key, CancellationToken cancellationToken) =>
            Task.FromResult(new RecoveryPlan(new RestoredState(), FoldCut.None, "the shared inbox"));

        public IAsyncEnumerable<InboxPage> ReadTailAsync(UnitKey key, long afterSeq, long throughSeq, CancellationToken cancellationToken) =>
            tail.ReadAsync(key, afterSeq, throughSeq, cancellationToken);

        public Task<long> LastSeqAsync(CancellationToken cancellationToken) => Task.Run(inbox.LastSeq, cancellationToken);
    }
}
