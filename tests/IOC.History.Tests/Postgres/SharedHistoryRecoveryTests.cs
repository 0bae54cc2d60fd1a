using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.Grains.Interfaces;
using IOC.Grains.Messages;
using IOC.Grains.Ports;
using IOC.History.Postgres;
using IOC.History.Recovery;
using IOC.History.Store;
using IOC.History.Writing;
using IOC.Ingestion.Tests.Inbox.Postgres;
using IOC.Tests.Silo;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.History.Tests.Postgres;

/// <summary>
/// A unit's grain moving to another node with the shared PostgreSQL history: each "node" is a silo of its own with its
/// own writer and restorer on one database and one inbox. The unit restores from the shared rows and its shared
/// checkpoint and replays only its inbox tail after it, so the stored history counts every event once.
/// </summary>
public sealed class SharedHistoryRecoveryTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly UnitKey Ward = new(UnitLevel.Ward, IOC.Tests.Shared.TestEvents.Ward);
    private static readonly Retention Retention = new(TimeSpan.FromHours(48), TimeSpan.FromDays(90));

    [Fact]
    public async Task AUnitReactivatedOnAnotherNodeAfterItsNodeDiedBetweenTwoSavesWritesNothingTwiceAndLosesNothing()
    {
        var connection = await server.NewDatabaseAsync();
        var inbox = new MemoryInbox();
        // Half a minute ago, but today in Vietnam and with today left for the whole drill: the figures are read as today's.
        var at = VietnamTime.ToLocal(TestClock.RecentInStep(TimeSpan.FromDays(1), 0.5, margin: TimeSpan.FromMinutes(2)));

        // Node 1 saves the first batch, folds and hands over the second, and dies before its next save.
        var node1 = await Node.StartAsync(connection, inbox);
        await node1.DeliverAsync(inbox.Store(Calls(at, 5)));
        await node1.HandOverAndSaveAsync();
        await node1.DeliverAsync(inbox.Store(Calls(at, 3)));
        await node1.Silo.Grains.Unit(Ward).Flush();
        await node1.KillAsync();

        // Node 2: the unit activates there with the next batch.
        await using var node2 = await Node.StartAsync(connection, inbox);
        await node2.DeliverAsync(inbox.Store(Calls(at, 2)));
        await node2.HandOverAndSaveAsync();

        (await DayAsync(node2.Store, Ward, at)).Should().Be(10, "5 saved by node 1, 3 it never saved (replayed from the tail), 2 new");
        (await DayAsync(node2.Store, UnitKey.City, at)).Should().Be(10, "the city's rows are added with its ward's, checkpoint and all");
        (await node2.Silo.Reader.SnapshotAsync(Ward))[KpiWindow.Today][Counter.CallsReceived].Should().Be(10);

        // Deactivated and activated again: restored from the rows and the checkpoint, nothing written again.
        await node2.Silo.Cluster.DeactivateAsync(node2.Silo.Grains.GetGrain<IWardGrain>(Ward.Code));
        await node2.HandOverAndSaveAsync();

        (await DayAsync(node2.Store, Ward, at)).Should().Be(10);
        (await DayAsync(node2.Store, UnitKey.City, at)).Should().Be(10);
        (await node2.Silo.Reader.SnapshotAsync(Ward))[KpiWindow.Today][Counter.CallsReceived].Should().Be(10);
    }

    private static IOC.Domain.Events.IocEvent[] Calls(DateTimeOffset at, int count) => [.. Enumerable.Range(0, count).Select(_ => Call(at))];

    private static async Task<long> DayAsync(IHistoryStore store, UnitKey unit, DateTimeOffset at)
    {
        var day = VietnamTime.StartOfDay(VietnamTime.LocalDate(at)).ToUnixTimeMilliseconds();
        var rows = (await store.QueryAsync([new HistoryQuery(IOC.History.Model.Measurement.Counters, IOC.History.Model.Resolution.Day, day, day + 86_400_000, unit, null)], default))[0];
        return rows.Sum(r => r.Values[(int)Counter.CallsReceived]);
    }

    /// <summary>One node: a silo whose grains hand their changes to this node's writer, restoring through this node's restorer.</summary>
    private sealed class Node : IAsyncDisposable
    {
        private readonly HistoryWriter _writer;
        private readonly KillableSink _sink;

        private Node(TestSilo silo, PostgresHistoryStore store, HistoryWriter writer, KillableSink sink)
        {
            Silo = silo;
            Store = store;
            _writer = writer;
            _sink = sink;
        }

        public TestSilo Silo { get; }

        public PostgresHistoryStore Store { get; }

        public static async Task<Node> StartAsync(string connection, MemoryInbox inbox)
        {
            var store = new PostgresHistoryStore(connection, Retention, TimeProvider.System);
            var options = new HistoryOptions();
            var writer = new HistoryWriter(store, store, options, TimeProvider.System);
            var restorer = new UnitRestorer(writer, options, TimeProvider.System);
            var sink = new KillableSink(writer);
            var silo = await TestSilo.StartAsync(TimeProvider.System, new NodeRecovery(restorer, inbox), sink);
            return new Node(silo, store, writer, sink);
        }

        public Task DeliverAsync(List<InboxEvent> stored) => Silo.Delivery.DeliverAsync(stored, stored[^1].Seq);

        /// <summary>The unit hands over what it folded (activating it if needed), and this node saves it.</summary>
        public async Task HandOverAndSaveAsync()
        {
            await Silo.Grains.Unit(Ward).Flush();
            _writer.SaveNow();
        }

        /// <summary>The process dies: nothing it has not saved is ever saved (its silo goes without saving either).</summary>
        public async Task KillAsync()
        {
            _sink.Kill();
            await Silo.DisposeAsync();
            await Store.DisposeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await Silo.DisposeAsync();
            await _writer.DisposeAsync();
            await Store.DisposeAsync();
        }
    }

    /// <summary>The node's writer until the node is killed; then nothing reaches it.</summary>
    private sealed class KillableSink(HistoryWriter writer) : IHistorySink
    {
        private volatile bool _dead;

        public void Kill() => _dead = true;

        public void Enqueue(UnitChanges changes)
        {
            if (!_dead)
            {
                writer.Enqueue(changes);
            }
        }

        public Task SaveAsync(CancellationToken cancellationToken) => _dead ? Task.CompletedTask : writer.SaveAsync(cancellationToken);

        public void Forget(UnitKey key) => writer.Forget(key);
    }

    /// <summary>What GrainRecovery does, with the inbox in memory: the history and the checkpoint, then the tail.</summary>
    private sealed class NodeRecovery(UnitRestorer restorer, MemoryInbox inbox) : IUnitRecovery
    {
        public async Task<RecoveryPlan> PlanAsync(UnitKey key, CancellationToken cancellationToken)
        {
            var restore = await restorer.RestoreAsync(key, cancellationToken);
            return new RecoveryPlan(restore.State, restore.Checkpoint, restore.Source);
        }

        public IAsyncEnumerable<InboxPage> ReadTailAsync(UnitKey key, long afterSeq, long throughSeq, CancellationToken cancellationToken) =>
            inbox.ReadTailAsync(key, afterSeq, throughSeq, cancellationToken);

        public Task<long> LastSeqAsync(CancellationToken cancellationToken) => Task.FromResult(inbox.LastSeq);
    }

    /// <summary>The shared inbox, in memory: events numbered in order and kept by the ward they name.</summary>
    private sealed class MemoryInbox
    {
        private readonly ConcurrentDictionary<UnitKey, List<InboxEvent>> _byUnit = new();
        private long _seq;

        public long LastSeq => Interlocked.Read(ref _seq);

        public List<InboxEvent> Store(IOC.Domain.Events.IocEvent[] events)
        {
            var stored = new List<InboxEvent>();
            foreach (var e in events)
            {
                var record = new InboxEvent(Interlocked.Increment(ref _seq), e);
                stored.Add(record);
                var list = _byUnit.GetOrAdd(new UnitKey(UnitLevel.Ward, e.Unit!), _ => []);
                lock (list)
                {
                    list.Add(record);
                }
            }

            return stored;
        }

        public async IAsyncEnumerable<InboxPage> ReadTailAsync(UnitKey key, long afterSeq, long throughSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            List<InboxEvent> tail = [];
            if (_byUnit.TryGetValue(key, out var list))
            {
                lock (list)
                {
                    tail = [.. list.Where(e => e.Seq > afterSeq && e.Seq <= throughSeq)];
                }
            }

            if (tail.Count > 0)
            {
                yield return new InboxPage(tail, tail[^1].Seq);
            }
        }
    }
}
