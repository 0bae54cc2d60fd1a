using IOC.Domain.Units;
using IOC.Ingestion.Inbox;
using IOC.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace IOC.Ingestion.Tests.Inbox;

/// <summary>
/// The inbox's key index is written in steps after the events: a key's tail must read the same whether its events are
/// in the index, after it, or split across its end.
/// </summary>
public sealed class SqliteKeyIndexTests : IDisposable
{
    private static readonly string[] Wards = ["00082", "00070", "00091"];
    private static readonly string[] Agencies = ["VPTU", "SOTC", "CAHN"];

    // The per-event indexes of the release before the key index, as it creates them on every start.
    private const string OlderIndexes = """
        CREATE INDEX IF NOT EXISTS events_unit ON events (unit, seq) WHERE unit IS NOT NULL;
        CREATE INDEX IF NOT EXISTS events_agency ON events (agency, seq) WHERE agency IS NOT NULL;
        """;

    private readonly TempFolder _folder = new("ioc-keyindex-");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(1_000_000)]
    public void EveryKeysTailReadsTheSameWhereverTheIndexEnds(int keyIndexEvery)
    {
        var random = new Random(20261204 + keyIndexEvery);
        using var inbox = new SqliteInbox(_folder.File("inbox.db"), fullSync: false, keyIndexEvery: keyIndexEvery);
        var stored = new List<(long Seq, InboxItem Item)>();
        for (var batch = 0; batch < 40; batch++)
        {
            var items = Enumerable.Range(0, random.Next(1, 30)).Select(_ => RandomItem(random, stored.Count)).ToList();
            var seqs = inbox.AppendReturningSeqs(items);
            stored.AddRange(items.Select((item, i) => (seqs[i], item)).Where(s => s.Item1 > 0));
        }

        foreach (var (key, agencies, expected) in Keys(stored))
        {
            for (var probe = 0; probe < 15; probe++)
            {
                var after = probe == 0 ? 0 : random.Next(0, stored.Count + 2);
                var through = probe % 3 == 0 ? long.MaxValue : after + random.Next(0, stored.Count);
                var pageSize = random.Next(1, 12);

                var read = inbox.ReadKeyAfter(key, after, through, pageSize, agencies).ToList();

                read.Where(page => page.Count < 1 || page.Count > pageSize).Should().BeEmpty();
                read.SelectMany(p => p).Select(r => (r.Seq, r.Id, r.Body)).Should().Equal(
                    expected.Where(e => e.Seq > after && e.Seq <= through).Select(e => (e.Seq, e.Item.Id, e.Item.BodyText)),
                    $"{key} after {after} through {through}, pages of {pageSize}, indexed every {keyIndexEvery}");
            }
        }
    }

    [Fact]
    public void TheIndexGrowsInStepsAndAReopenedInboxIndexesWhatWasLeft()
    {
        var path = _folder.File("inbox.db");
        using (var inbox = new SqliteInbox(path, keyIndexEvery: 10))
        {
            inbox.AppendReturningSeqs(Items("a", 9));
            inbox.AppendReturningSeqs(Items("b", 3)); // 9 waiting: not yet a step
            IndexedThrough(path).Should().Be(0);

            inbox.AppendReturningSeqs(Items("c", 2)); // 12 waiting before this batch: indexed first
            IndexedThrough(path).Should().Be(12);
            inbox.ReadKeyAfter(Ward("00082"), 0).SelectMany(p => p).Should().HaveCount(14);
        }

        using var reopened = new SqliteInbox(path, keyIndexEvery: 10);

        IndexedThrough(path).Should().Be(14);
        reopened.ReadKeyAfter(Ward("00082"), 0).SelectMany(p => p).Select(r => r.Seq).Should().Equal(Enumerable.Range(1, 14).Select(i => (long)i));
    }

    [Fact]
    public void AnInboxWithThePerEventIndexesMovesToTheKeyIndexWhenOpened()
    {
        var path = _folder.File("inbox.db");
        using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = "CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, body TEXT NOT NULL, unit TEXT, agency TEXT);" + OlderIndexes + """
                INSERT INTO events (id, body, unit, agency) VALUES ('a', '{a}', '00082', NULL), ('b', '{b}', NULL, 'VPTU'), ('c', '{c}', '00082', 'VPTU');
                """;
            create.ExecuteNonQuery();
        }

        using var inbox = new SqliteInbox(path);

        Scalar(path, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('events_unit', 'events_agency')").Should().Be(0);
        IndexedThrough(path).Should().Be(3);
        inbox.ReadKeyAfter(Ward("00082"), 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("a", "c");
        inbox.ReadKeyAfter(new UnitKey(UnitLevel.Agency, "VPTU"), 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("b", "c");
        inbox.ReadKeyAfter(new UnitKey(UnitLevel.Direct, UnitCatalog.CityCode), 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("b");
    }

    [Fact]
    public void AfterARollbackThatAddedEventsTheNextStartIndexesOnlyThose()
    {
        var path = _folder.File("inbox.db");
        using (var inbox = new SqliteInbox(path))
        {
            inbox.AppendReturningSeqs(Items("new", 3));
        }

        using (new SqliteInbox(path))
        {
            IndexedThrough(path).Should().Be(3);
        }

        // What the release before the key index does with this file: builds its per-event indexes, appends, ignores event_keys.
        using (var older = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            older.Open();
            using var command = older.CreateCommand();
            command.CommandText = OlderIndexes + """
                INSERT INTO events (id, body, unit, agency) VALUES ('old0', '{old0}', '00082', NULL), ('old1', '{old1}', NULL, 'VPTU');
                """;
            command.ExecuteNonQuery();
        }

        using var upgraded = new SqliteInbox(path);

        IndexedThrough(path).Should().Be(5);
        Scalar(path, "SELECT count(*) FROM event_keys").Should().Be(6, "3 + 1 ward keys, and the agency's own and direct-work keys of old1");
        upgraded.ReadKeyAfter(Ward("00082"), 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("new0", "new1", "new2", "old0");
        upgraded.ReadKeyAfter(new UnitKey(UnitLevel.Direct, UnitCatalog.CityCode), 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("old1");
    }

    [Fact]
    public async Task AReaderDuringIndexStepsNeverMissesNorRepeatsAnEvent()
    {
        var path = _folder.File("inbox.db");
        using var inbox = new SqliteInbox(path, fullSync: false, keyIndexEvery: 25);
        var done = false;
        var writer = Task.Run(() =>
        {
            for (var batch = 0; batch < 300; batch++)
            {
                inbox.AppendReturningSeqs(Items($"n{batch}-", 7));
            }

            Volatile.Write(ref done, true);
        });

        var reads = 0;
        while (!Volatile.Read(ref done) || reads == 0)
        {
            // Everything committed before the read started is there, in order, once; what came during it may be too.
            var committed = Scalar(path, "SELECT coalesce(max(seq), 0) FROM events"); // not the writer's connection
            var seqs = inbox.ReadKeyAfter(Ward("00082"), 0, pageSize: 50).SelectMany(p => p).Select(r => r.Seq).ToList();
            seqs.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
            seqs.Take((int)committed).Should().Equal(Enumerable.Range(1, (int)committed).Select(i => (long)i));
            reads++;
        }

        await writer;
        reads.Should().BeGreaterThan(1);
    }

    private static InboxItem RandomItem(Random random, int n)
    {
        // Wards with and without an agency, an agency's direct work, and now and then a retried id (a duplicate).
        var id = random.Next(20) == 0 && n > 0 ? $"e{random.Next(n)}" : $"e{n}-{random.Next()}";
        var unit = random.Next(4) == 0 ? null : Wards[random.Next(Wards.Length)];
        var agency = unit is null || random.Next(3) == 0 ? Agencies[random.Next(Agencies.Length)] : null;
        return new InboxItem(id, $$"""{"id":"{{id}}","note":"Phường Cửa Nam {{n}}"}""", unit, agency);
    }

    private static IEnumerable<(UnitKey Key, IReadOnlyCollection<string>? Agencies, List<(long Seq, InboxItem Item)> Expected)> Keys(
        List<(long Seq, InboxItem Item)> stored)
    {
        foreach (var ward in Wards)
        {
            yield return (Ward(ward), null, stored.Where(s => s.Item.Unit == ward).ToList());
        }

        foreach (var agency in Agencies)
        {
            yield return (new UnitKey(UnitLevel.Agency, agency), null, stored.Where(s => s.Item.Agency == agency).ToList());
        }

        var direct = new UnitKey(UnitLevel.Direct, UnitCatalog.CityCode);
        yield return (direct, null, stored.Where(s => s.Item.Unit is null && s.Item.Agency is not null).ToList());
        string[] two = ["VPTU", "CAHN"];
        yield return (direct, two, stored.Where(s => s.Item.Unit is null && two.Contains(s.Item.Agency)).ToList());
    }

    private static UnitKey Ward(string code) => new(UnitLevel.Ward, code);

    private static List<InboxItem> Items(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new InboxItem($"{prefix}{i}", $"{{{prefix}{i}}}", "00082", null))];

    private static long IndexedThrough(string path) => Scalar(path, "SELECT through FROM key_index");

    private static long Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
