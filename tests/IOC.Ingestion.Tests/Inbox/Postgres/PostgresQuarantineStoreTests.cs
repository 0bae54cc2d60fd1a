using IOC.Domain.Units;
using IOC.Grains.Ports;
using IOC.Ingestion.Inbox.Postgres;

namespace IOC.Ingestion.Tests.Inbox.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresQuarantineStoreTests(PostgresServer server)
{
    private static readonly UnitKey CuaNam = new(UnitLevel.Ward, "00082");
    private static readonly UnitKey Vptu = new(UnitLevel.Agency, "VPTU");
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task EveryNodeSeesOneRowPerUnitAndNumberWhoeverAddedItAndHowOften()
    {
        var connection = await server.NewDatabaseAsync();
        using var first = new PostgresInbox(connection);
        using var second = new PostgresInbox(connection);
        var one = new PostgresQuarantineStore(first);
        var other = new PostgresQuarantineStore(second);

        one.Add([Event(CuaNam, 5, Noon), Event(Vptu, 5, Noon.AddMinutes(1))]);
        other.Add([Event(CuaNam, 5, Noon.AddMinutes(2)), Event(CuaNam, 9, Noon.AddMinutes(3))]);

        other.Count().Should().Be(3);
        one.SeqsOf(CuaNam).Should().BeEquivalentTo([5L, 9L]);
        one.SeqsOf(Vptu).Should().BeEquivalentTo([5L]);
        other.List(2).Select(e => (e.Unit, e.Seq, e.At)).Should().Equal((CuaNam, 9L, Noon.AddMinutes(3)), (Vptu, 5L, Noon.AddMinutes(1)));
        one.List(10).Single(e => e.Unit == CuaNam && e.Seq == 5).Reason.Should().Be("bad 5");
    }

    [Fact]
    public async Task AReplayedEventLeavesTheQuarantineOfItsUnitOnly()
    {
        using var inbox = new PostgresInbox(await server.NewDatabaseAsync());
        var store = new PostgresQuarantineStore(inbox);
        store.Add([Event(CuaNam, 5, Noon), Event(Vptu, 5, Noon)]);

        store.Remove(CuaNam, 5);

        store.SeqsOf(CuaNam).Should().BeEmpty();
        store.SeqsOf(Vptu).Should().BeEquivalentTo([5L]);
        store.Count().Should().Be(1);
    }

    private static QuarantinedEvent Event(UnitKey unit, long seq, DateTimeOffset at) => new(unit, seq, $"e{seq}", $"bad {seq}", at);
}
