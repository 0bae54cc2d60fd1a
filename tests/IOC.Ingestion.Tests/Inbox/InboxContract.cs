using IOC.Domain.Units;
using IOC.Ingestion.Inbox;

namespace IOC.Ingestion.Tests.Inbox;

/// <summary>
/// What every inbox store promises ingestion and grain recovery (<see cref="IInbox"/>): the same tests run against
/// SQLite (the embedded default) and PostgreSQL (a cluster's shared inbox).
/// </summary>
public abstract class InboxContract
{
    protected static readonly UnitKey CuaNam = new(UnitLevel.Ward, "00082");
    protected static readonly UnitKey HoanKiem = new(UnitLevel.Ward, "00070");
    protected static readonly UnitKey Vptu = new(UnitLevel.Agency, "VPTU");
    protected static readonly UnitKey DirectWork = new(UnitLevel.Direct, UnitCatalog.CityCode);

    /// <summary>A new, empty inbox of the store under test.</summary>
    protected abstract Task<IInbox> OpenAsync();

    [Fact]
    public async Task NewItemsGetGrowingNumbersAndDuplicatesGetZero()
    {
        var inbox = await OpenAsync();

        var first = inbox.AppendReturningSeqs([Item("a"), Item("b")]);
        var second = inbox.AppendReturningSeqs([Item("b"), Item("c"), Item("c"), Item("d")]);

        first.Should().OnlyContain(s => s > 0).And.BeInAscendingOrder();
        second[0].Should().Be(0);
        second[2].Should().Be(0);
        second[1].Should().BeGreaterThan(first[1]);
        second[3].Should().BeGreaterThan(second[1]);
        inbox.Count().Should().Be(4);
        inbox.LastSeq().Should().Be(second[3]);
    }

    [Fact]
    public async Task ADuplicateWithinOneBatchKeepsTheFirstBody()
    {
        var inbox = await OpenAsync();

        var seqs = inbox.AppendReturningSeqs([Item("a", "first"), Item("b", "other"), Item("a", "second")]);

        seqs[2].Should().Be(0);
        inbox.ReadKeyAfter(CuaNam, 0).SelectMany(p => p).Select(r => (r.Id, r.Body)).Should().Equal(("a", "first"), ("b", "other"));
    }

    [Fact]
    public async Task AKeysTailHoldsOnlyItsOwnEventsAfterTheSequenceNumberInPages()
    {
        var inbox = await OpenAsync();
        var wards = inbox.AppendReturningSeqs([.. Enumerable.Range(1, 7).Select(i => Item($"w{i}"))]);
        var mixed = inbox.AppendReturningSeqs([Item("other", unit: "00070"), Item("both", agency: "VPTU"), Item("own", unit: null, agency: "VPTU"), Item("w8")]);

        var pages = inbox.ReadKeyAfter(CuaNam, 0, pageSize: 3).ToList();
        var fourToSix = inbox.ReadKeyAfter(CuaNam, wards[2], throughSeq: wards[5]).SelectMany(p => p).Select(r => r.Id);

        pages.Select(p => p.Count).Should().Equal(3, 3, 3);
        pages.SelectMany(p => p).Select(r => (r.Seq, r.Id)).Should().Equal(
            [.. wards.Select((s, i) => (s, $"w{i + 1}")), (mixed[1], "both"), (mixed[3], "w8")]);
        fourToSix.Should().Equal("w4", "w5", "w6");
        inbox.ReadKeyAfter(HoanKiem, 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("other");
        inbox.ReadKeyAfter(Vptu, 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("both", "own");
        inbox.ReadKeyAfter(DirectWork, 0).SelectMany(p => p).Select(r => r.Id).Should().Equal("own");
    }

    [Fact]
    public async Task OneRecordIsReadBackByItsNumber()
    {
        var inbox = await OpenAsync();
        var seqs = inbox.AppendReturningSeqs([Item("a", "{\"a\":1}"), Item("b", "{\"b\":2}")]);

        var record = inbox.Read(seqs[1]);

        record.Should().Be(new InboxRecord(seqs[1], "b", "{\"b\":2}"));
        inbox.Read(seqs[1] + 1000).Should().BeNull();
    }

    [Fact]
    public async Task AnEmptyInboxHasNothingToRead()
    {
        var inbox = await OpenAsync();

        inbox.ReadKeyAfter(CuaNam, 0).Should().BeEmpty();
        inbox.Count().Should().Be(0);
        inbox.LastSeq().Should().Be(0);
        inbox.AppendReturningSeqs([]).Should().BeEmpty();
    }

    protected static InboxItem Item(string id, string? body = null, string? unit = "00082", string? agency = null) =>
        new(id, body ?? $"{{{id}}}", unit, agency);
}

public sealed class SqliteInboxContract : InboxContract, IDisposable
{
    private readonly IOC.Tests.Shared.TempFolder _folder = new("ioc-inbox-contract-");
    private readonly List<SqliteInbox> _opened = [];

    public void Dispose()
    {
        _opened.ForEach(i => i.Dispose());
        _folder.Dispose();
    }

    protected override Task<IInbox> OpenAsync()
    {
        var inbox = new SqliteInbox(_folder.File($"inbox{_opened.Count}.db"));
        _opened.Add(inbox);
        return Task.FromResult<IInbox>(inbox);
    }
}
