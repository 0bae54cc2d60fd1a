using IOC.Ingestion.Inbox;
using IOC.Tests.Shared;

namespace IOC.Ingestion.Tests.Inbox;

public sealed class SqliteInboxTests : IDisposable
{
    private readonly TempFolder _folder = new("ioc-ingestion-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AppendTellsWhichItemsAreNewAndWhichAreDuplicates()
    {
        using var inbox = new SqliteInbox(_folder.File("inbox.db"));
        inbox.Append([("a", "{1}"), ("b", "{2}")]);

        var isNew = inbox.Append([("b", "{2 again}"), ("c", "{3}")]);

        isNew.Should().Equal(false, true);
        inbox.Count().Should().Be(3);
        inbox.ReadAfter(0).SelectMany(p => p).Select(r => (r.Id, r.Body)).Should().Equal(("a", "{1}"), ("b", "{2}"), ("c", "{3}"));
    }

    [Fact]
    public void ADuplicateWithinOneBatchKeepsTheFirst()
    {
        using var inbox = new SqliteInbox(_folder.File("inbox.db"));

        var isNew = inbox.Append([("a", "first"), ("b", "other"), ("a", "second")]);

        isNew.Should().Equal(true, true, false);
        inbox.ReadAfter(0).Single().Select(r => r.Body).Should().Equal("first", "other");
    }

    [Fact]
    public void EventsSurviveReopeningAndStillDedupe()
    {
        var path = _folder.File("inbox.db");
        using (var first = new SqliteInbox(path))
        {
            first.Append([("a", "A"), ("b", "B")]);
        }

        using var reopened = new SqliteInbox(path);
        var isNew = reopened.Append([("a", "A"), ("c", "C")]);

        isNew.Should().Equal(false, true);
        reopened.Count().Should().Be(3);
        reopened.LastSeq().Should().Be(3);
        reopened.ReadAfter(0).SelectMany(p => p).Select(r => r.Id).Should().Equal("a", "b", "c");
    }

    [Fact]
    public void ReadAfterPagesInArrivalOrder()
    {
        using var inbox = new SqliteInbox(_folder.File("inbox.db"));
        inbox.Append(Enumerable.Range(1, 7).Select(i => ($"e{i}", $"body {i}")).ToList());

        var pages = inbox.ReadAfter(0, pageSize: 3).ToList();
        var afterFour = inbox.ReadAfter(4, pageSize: 3).SelectMany(p => p).ToList();

        pages.Select(p => p.Count).Should().Equal(3, 3, 1);
        pages.SelectMany(p => p).Select(r => (r.Seq, r.Id)).Should().Equal(
            (1L, "e1"), (2L, "e2"), (3L, "e3"), (4L, "e4"), (5L, "e5"), (6L, "e6"), (7L, "e7"));
        afterFour.Select(r => r.Id).Should().Equal("e5", "e6", "e7");
    }

    [Fact]
    public void AnEmptyInboxHasNothingToRead()
    {
        using var inbox = new SqliteInbox(_folder.File("inbox.db"));

        var pages = inbox.ReadAfter(0).ToList();

        pages.Should().BeEmpty();
        inbox.Count().Should().Be(0);
        inbox.LastSeq().Should().Be(0);
    }

    [Fact]
    public void TheInboxCreatesItsFolder()
    {
        var path = _folder.File(Path.Combine("data", "nested", "inbox.db"));

        using var inbox = new SqliteInbox(path, fullSync: true);
        inbox.Append([("a", "A")]);

        File.Exists(path).Should().BeTrue();
        inbox.Path.Should().Be(path);
    }
}
