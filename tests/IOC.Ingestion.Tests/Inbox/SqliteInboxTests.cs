using IOC.Domain.Units;
using IOC.Ingestion.Inbox;
using IOC.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace IOC.Ingestion.Tests.Inbox;

public sealed class SqliteInboxTests : IDisposable
{
    private static readonly UnitKey CuaNam = new(UnitLevel.Ward, "00082");
    private static readonly UnitKey HoanKiem = new(UnitLevel.Ward, "00070");
    private static readonly UnitKey Vptu = new(UnitLevel.Agency, "VPTU");
    private static readonly UnitKey DirectWork = new(UnitLevel.Direct, UnitCatalog.CityCode);

    private readonly TempFolder _folder = new("ioc-ingestion-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AppendTellsWhichItemsAreNewAndWhichAreDuplicates()
    {
        using var inbox = new SqliteInbox(_folder.File("inbox.db"));
        inbox.Append([Item("a", "{1}"), Item("b", "{2}")]);

        var isNew = inbox.Append([Item("b", "{2 again}"), Item("c", "{3}")]);

        isNew.Should().Equal(false, true);
        inbox.Count().Should().Be(3);
        inbox.ReadKeyAfter(CuaNam, 0).SelectMany(p => p).Select(r => (r.Id, r.Body)).Should().Equal(("a", "{1}"), ("b", "{2}"), ("c", "{3}"));
    }

    [Fact]
    public void TheInboxNumbersNewItemsInOrderAndDuplicatesGetZero()
    {
        using var inbox = new SqliteInbox(_folder.File("inbox.db"));

        var first = inbox.AppendReturningSeqs([Item("a"), Item("b")]);
        var second = inbox.AppendReturningSeqs([Item("b"), Item("c"), Item("c")]);

        first.Should().Equal(1, 2);
        second.Should().Equal(0, 3, 0);
    }

    [Fact]
    public void ADuplicateWithinOneBatchKeepsTheFirst()
    {
        using var inbox = new SqliteInbox(_folder.File("inbox.db"));

        var isNew = inbox.Append([Item("a", "first"), Item("b", "other"), Item("a", "second")]);

        isNew.Should().Equal(true, true, false);
        inbox.ReadKeyAfter(CuaNam, 0).Single().Select(r => r.Body).Should().Equal("first", "other");
    }

    [Fact]
    public void ABatchThatFailsPartwayKeepsNothingOfItAndTheInboxGoesOn()
    {
        var path = _folder.File("inbox.db");
        using (var created = new SqliteInbox(path))
        {
            created.AppendReturningSeqs([Item("a"), Item("b")]);
        }

        // A stand-in for a failure after some rows of a batch were inserted (a full disk, an I/O error): the file refuses id "e".
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            connection.Open();
            using var trigger = connection.CreateCommand();
            trigger.CommandText = "CREATE TRIGGER refuse_e BEFORE INSERT ON events WHEN NEW.id = 'e' BEGIN SELECT RAISE(ABORT, 'refused'); END;";
            trigger.ExecuteNonQuery();
        }

        using var inbox = new SqliteInbox(path);
        var failing = () => inbox.AppendReturningSeqs([Item("c"), Item("d"), Item("e")]);

        failing.Should().Throw<SqliteException>().Which.Message.Should().Contain("refused");
        inbox.Count().Should().Be(2);
        inbox.AppendReturningSeqs([Item("c"), Item("a")]).Should().Equal(3, 0);
        inbox.ReadKeyAfter(CuaNam, 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("a", "b", "c");
    }

    [Fact]
    public void ABodyComesBackAsItWasAcceptedVietnameseAndEscapesIncluded()
    {
        using var inbox = new SqliteInbox(_folder.File("inbox.db"));
        const string body = """{"id":"a","note":"Phường Phù Liễn, Xã An Lão \u0000 \"quoted\" 😀"}""";

        inbox.AppendReturningSeqs([Item("a", body)]);

        inbox.Read(1)!.Value.Body.Should().Be(body);
    }

    [Fact]
    public void EventsSurviveReopeningAndStillDedupe()
    {
        var path = _folder.File("inbox.db");
        using (var first = new SqliteInbox(path))
        {
            first.Append([Item("a"), Item("b")]);
        }

        using var reopened = new SqliteInbox(path);
        var isNew = reopened.Append([Item("a"), Item("c")]);

        isNew.Should().Equal(false, true);
        reopened.Count().Should().Be(3);
        reopened.LastSeq().Should().Be(3);
        reopened.ReadKeyAfter(CuaNam, 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("a", "b", "c");
    }

    [Fact]
    public void AKeysTailHoldsOnlyItsOwnEventsAfterTheSequenceNumberInPages()
    {
        using var inbox = new SqliteInbox(_folder.File("inbox.db"));
        inbox.Append([.. Enumerable.Range(1, 7).Select(i => Item($"w{i}"))]);
        inbox.Append([Item("other", unit: "00070"), Item("both", agency: "VPTU"), Item("own", unit: null, agency: "VPTU"), Item("w8")]);

        var pages = inbox.ReadKeyAfter(CuaNam, 0, pageSize: 3).ToList();
        var fourToSix = inbox.ReadKeyAfter(CuaNam, 3, throughSeq: 6).SelectMany(p => p).Select(r => r.Id);
        var afterFive = inbox.ReadKeyAfter(CuaNam, 5).SelectMany(p => p).Select(r => r.Id);

        pages.Select(p => p.Count).Should().Equal(3, 3, 3);
        pages.SelectMany(p => p).Select(r => (r.Seq, r.Id)).Should().Equal(
            (1L, "w1"), (2L, "w2"), (3L, "w3"), (4L, "w4"), (5L, "w5"), (6L, "w6"), (7L, "w7"), (9L, "both"), (11L, "w8"));
        afterFive.Should().Equal("w6", "w7", "both", "w8");
        fourToSix.Should().Equal("w4", "w5", "w6");
        inbox.ReadKeyAfter(HoanKiem, 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("other");
        inbox.ReadKeyAfter(Vptu, 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("both", "own");
        inbox.ReadKeyAfter(DirectWork, 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("own");
    }

    [Fact]
    public void AnInboxWrittenBeforeTheKeyColumnsIsIndexedByUnitWhenOpened()
    {
        var path = _folder.File("inbox.db");
        using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, body TEXT NOT NULL);
                INSERT INTO events (id, body) VALUES ('a', '{"id":"a","unit":"00082"}'), ('b', '{"id":"b","agency":"VPTU"}');
                """;
            create.ExecuteNonQuery();
        }

        using var inbox = new SqliteInbox(path);

        inbox.ReadKeyAfter(CuaNam, 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("a");
        inbox.ReadKeyAfter(DirectWork, 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("b");
    }

    [Fact]
    public void AnEmptyInboxHasNothingToRead()
    {
        using var inbox = new SqliteInbox(_folder.File("inbox.db"));

        var pages = inbox.ReadKeyAfter(CuaNam, 0).ToList();

        pages.Should().BeEmpty();
        inbox.Count().Should().Be(0);
        inbox.LastSeq().Should().Be(0);
    }

    [Fact]
    public void TheInboxCreatesItsFolder()
    {
        var path = _folder.File(Path.Combine("data", "nested", "inbox.db"));

        using var inbox = new SqliteInbox(path, fullSync: true);
        inbox.Append([Item("a")]);

        File.Exists(path).Should().BeTrue();
        inbox.Path.Should().Be(path);
    }

    private static InboxItem Item(string id, string? body = null, string? unit = "00082", string? agency = null) =>
        new(id, body ?? $"{{{id}}}", unit, agency);
}
