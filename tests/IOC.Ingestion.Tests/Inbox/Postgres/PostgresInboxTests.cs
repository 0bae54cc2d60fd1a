using System.Collections.Concurrent;
using IOC.Domain.Units;
using IOC.Ingestion.Inbox;
using IOC.Ingestion.Inbox.Postgres;

namespace IOC.Ingestion.Tests.Inbox.Postgres;

/// <summary>What the shared inbox adds to the contract: several nodes writing to it at once, and the server restarting.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresInboxTests(PostgresServer server)
{
    private static readonly UnitKey CuaNam = new(UnitLevel.Ward, "00082");

    [Fact]
    public async Task NodesStoringOverlappingBatchesAtOnceKeepEachIdOnceUnderOneNumber()
    {
        var connection = await server.NewDatabaseAsync();
        var nodes = Enumerable.Range(0, 3).Select(_ => new PostgresInbox(connection)).ToArray();
        var stored = new ConcurrentBag<(string Id, long Seq)>();

        // Every node sends every batch (a producer retrying on another node), in its own order.
        await Task.WhenAll(nodes.Select((node, n) => Task.Run(() =>
        {
            foreach (var batch in Enumerable.Range(0, 40).Select(b => (b * 7 + (n * 13)) % 40))
            {
                var items = Enumerable.Range(0, 25).Select(i => Item($"e{batch}-{i}")).ToArray();
                var seqs = node.AppendReturningSeqs(items);
                for (var i = 0; i < items.Length; i++)
                {
                    if (seqs[i] > 0)
                    {
                        stored.Add((items[i].Id, seqs[i]));
                    }
                }
            }
        })));

        stored.Select(s => s.Id).Should().OnlyHaveUniqueItems().And.HaveCount(1000);
        stored.Select(s => s.Seq).Should().OnlyHaveUniqueItems();
        nodes[0].Count().Should().Be(1000);
        nodes[2].ReadKeyAfter(CuaNam, 0).SelectMany(p => p).Select(r => (r.Id, r.Seq)).Should().Equal(stored.OrderBy(s => s.Seq));
        Array.ForEach(nodes, n => n.Dispose());
    }

    [Fact]
    public async Task AReaderThatHasSeenANumberNeverLaterMeetsANewEventBelowIt()
    {
        // A grain's checkpoint is "every event of my key up to N": that holds only if events become visible in number
        // order. Three nodes append concurrently while a reader notes, again and again, the last number and how many
        // events lie at or below it; once the writers are done, each noted count must still be the count at or below it.
        var connection = await server.NewDatabaseAsync();
        var nodes = Enumerable.Range(0, 3).Select(_ => new PostgresInbox(connection)).ToArray();
        using var reader = new PostgresInbox(connection);
        var seen = new List<(long Last, long Count)>();
        var observed = 0;
        using var done = new CancellationTokenSource();

        var watcher = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                var last = reader.LastSeq();
                seen.Add((last, reader.ReadKeyAfter(CuaNam, 0, last).Sum(p => p.Count)));
                Interlocked.Increment(ref observed);
            }
        });
        // Every sixth batch a writer waits for a fresh observation, so the reader looks in while the writes go on even
        // on a loaded machine (a CI run once finished the writes before the reader's first look).
        var writers = nodes.Select((node, n) => Task.Run(() =>
        {
            for (var b = 0; b < 60; b++)
            {
                if (b % 6 == 0)
                {
                    var mark = Volatile.Read(ref observed);
                    SpinWait.SpinUntil(() => Volatile.Read(ref observed) > mark || watcher.IsCompleted, TimeSpan.FromSeconds(30)).Should().BeTrue();
                }

                node.AppendReturningSeqs([.. Enumerable.Range(0, 50).Select(i => Item($"n{n}-b{b}-{i}", body: new string('x', 200)))]);
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await done.CancelAsync();
        await watcher;

        seen.Should().HaveCountGreaterThan(10);
        seen.Select(s => (s.Last, reader.ReadKeyAfter(CuaNam, 0, s.Last).Sum(p => (long)p.Count))).Should().Equal(seen);
        reader.Count().Should().Be(9000);
        Array.ForEach(nodes, n => n.Dispose());
    }

    [Fact]
    public async Task NodesStartingTogetherCreateTheTablesOnce()
    {
        var connection = await server.NewDatabaseAsync();

        var nodes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new PostgresInbox(connection))));
        var quarantines = await Task.WhenAll(nodes.Select(n => Task.Run(() => new PostgresQuarantineStore(n))));

        nodes[1].AppendReturningSeqs([Item("a")]).Should().Equal(1);
        nodes[3].Count().Should().Be(1);
        quarantines.Should().HaveCount(4);
        Array.ForEach(nodes, n => n.Dispose());
    }

    [Fact]
    public async Task EventsSurviveAServerRestartAndStillDedupe()
    {
        var connection = await server.NewDatabaseAsync();
        using var inbox = new PostgresInbox(connection);
        var before = inbox.AppendReturningSeqs([Item("a"), Item("b")]);

        await server.StopAsync();
        try
        {
            // Ingestion answers 503 with Retry-After on this exception (EventsApi), naming the store.
            var whileDown = () => inbox.AppendReturningSeqs([Item("c")]);
            whileDown.Should().Throw<InboxUnavailableException>().Which.Store.Should().Contain("PostgreSQL");
        }
        finally
        {
            await server.StartAsync();
        }

        var after = inbox.AppendReturningSeqs([Item("b"), Item("c")]);

        after[0].Should().Be(0);
        after[1].Should().BeGreaterThan(before[1]);
        inbox.ReadKeyAfter(CuaNam, 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("a", "b", "c");
    }

    [Fact]
    public async Task TheInboxNamesItsServerAndDatabaseButNeverThePassword()
    {
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(await server.NewDatabaseAsync()) { Password = "secret" };

        using var inbox = new PostgresInbox(connection.ToString());

        inbox.Path.Should().Be($"postgresql://127.0.0.1:{connection.Port}/{connection.Database}").And.NotContain("secret");
    }

    private static InboxItem Item(string id, string? body = null) => new(id, body ?? $"{{{id}}}", "00082", null);
}
