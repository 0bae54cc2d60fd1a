using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.History.Model;
using IOC.History.Postgres;
using IOC.History.Store;
using IOC.History.Tests.Writing;
using IOC.History.Writing;
using IOC.Ingestion.Tests.Inbox.Postgres;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.History.Tests.Postgres;

/// <summary>
/// The shared store as the writer's ledger: a save adds the deltas to the rows (and the city's), upserts the open items
/// and moves the checkpoints in one transaction, and a second store on the same database (another node) reads them back.
/// </summary>
public sealed class PostgresLedgerTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly Retention Retention = new(TimeSpan.FromHours(48), TimeSpan.FromDays(90));
    private static readonly UnitKey Ward = new(UnitLevel.Ward, IOC.Tests.Shared.TestEvents.Ward);
    /// <summary>The class's day, read back as posted even when a local midnight passes while the class runs.</summary>
    private static readonly DateTimeOffset Today = VietnamToday();

    private static readonly DateTimeOffset Now = Today.AddMinutes(1);

    [Fact]
    public async Task SavesAddTheirDeltasToTheRowsAndTheCitysAndAnotherNodeReadsTheCheckpointAndOpenItems()
    {
        var connection = await server.NewDatabaseAsync();
        await using var node1 = new PostgresHistoryStore(connection, Retention, TimeProvider.System);
        var open = Received(Now, dossierId: "HS-1");

        node1.Save(Changes.Of(2, [Call(Now), open], Ward), Now);
        node1.Save(Changes.Of(5, [Call(Now), Call(Now.AddMinutes(1)), Completed(Now, dossierId: "HS-0")], Ward), Now);

        await using var node2 = new PostgresHistoryStore(connection, Retention, TimeProvider.System);
        var saved = await node2.LoadAsync(Ward, default);
        saved.Checkpoint.Should().Be(new FoldCut(5, []));
        saved.Dossiers.Select(d => (d.DossierId, d.ReceivedAt)).Should().Equal(("HS-1", Now));
        (await node2.LoadAsync(UnitKey.City, default)).Checkpoint.Should().Be(FoldCut.None, "the city keeps no checkpoint: its rows are its contributors'");
        (await DayAsync(node2, Ward, Counter.CallsReceived)).Should().Be(3);
        (await DayAsync(node2, UnitKey.City, Counter.CallsReceived)).Should().Be(3);
        (await DayAsync(node2, Ward, Counter.DossiersReceived)).Should().Be(1);
        var minutes = await node2.QueryAsync([new HistoryQuery(Measurement.Counters, Resolution.Minute, Ms(Now), Ms(Now.AddMinutes(2)), Ward, TimeSpan.FromMinutes(1))], default);
        minutes[0].Select(r => r.Values[(int)Counter.CallsReceived]).Should().Equal(2, 1);
        node2.HasCheckpoints.Should().BeTrue();
    }

    [Fact]
    public async Task AClosedDossierLeavesTheOpenItemsInTheSameSave()
    {
        var connection = await server.NewDatabaseAsync();
        await using var store = new PostgresHistoryStore(connection, Retention, TimeProvider.System);
        store.Save(Changes.Of(1, [Received(Now, dossierId: "HS-7")], Ward), Now);

        store.Save(Changes.Of(2, [Completed(Now.AddHours(1), dossierId: "HS-7")], Ward), Now);

        (await store.LoadAsync(Ward, default)).Dossiers.Should().BeEmpty();
    }

    [Fact]
    public async Task ASaveWhilePostgresIsDownKeepsTheChangesAndMovesNoCheckpointAndTheyAreSavedWhenItIsBack()
    {
        await using var own = new PostgresServer();
        await own.InitializeAsync();
        var connection = await own.NewDatabaseAsync();
        await using var store = new PostgresHistoryStore(connection, Retention, TimeProvider.System);
        var writer = new HistoryWriter(store, store, new HistoryOptions(), TimeProvider.System);
        writer.Enqueue(Changes.Of(1, [Call(Now)], Ward)[0]);
        writer.SaveNow();

        await own.StopAsync();
        writer.Enqueue(Changes.Of(4, [Call(Now), Call(Now)], Ward)[0]);
        var down = () => writer.SaveNow();

        down.Should().Throw<HistoryStoreException>().Which.Rejected.Should().BeFalse();
        writer.State.Should().Be(StoreState.Down);
        writer.UnsavedChanges.Should().Be(1);
        await own.StartAsync();
        await using (var reader = new PostgresHistoryStore(connection, Retention, TimeProvider.System))
        {
            (await reader.LoadAsync(Ward, default)).Checkpoint.Should().Be(new FoldCut(1, []), "the failed save moved nothing");
            (await DayAsync(reader, Ward, Counter.CallsReceived)).Should().Be(1);
        }

        writer.SaveNow();

        writer.State.Should().Be(StoreState.Up);
        writer.UnsavedChanges.Should().Be(0);
        (await store.LoadAsync(Ward, default)).Checkpoint.Should().Be(new FoldCut(4, []));
        (await DayAsync(store, Ward, Counter.CallsReceived)).Should().Be(3);
        (await DayAsync(store, UnitKey.City, Counter.CallsReceived)).Should().Be(3);
    }

    [Fact]
    public async Task AStatementTheServerRefusesIsItsOwnErrorNotTheStoreDown()
    {
        var connection = await server.NewDatabaseAsync();
        await using var store = new PostgresHistoryStore(connection, Retention, TimeProvider.System);
        await store.EnsureSchemaAsync(default);
        await using (var admin = new Npgsql.NpgsqlConnection(connection))
        {
            await admin.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand("DROP TABLE history_checkpoints", admin);
            await drop.ExecuteNonQueryAsync();
        }

        var load = () => store.LoadAsync(Ward, default);

        (await load.Should().ThrowAsync<Npgsql.PostgresException>("a missing table is no outage")).Which.SqlState.Should().Be("42P01");
        await store.PingAsync(default);
    }

    internal static async Task<long> DayAsync(IHistoryStore store, UnitKey unit, Counter counter)
    {
        var day = Today;
        var rows = (await store.QueryAsync([new HistoryQuery(Measurement.Counters, Resolution.Day, Ms(day), Ms(day.AddDays(1)), unit, null)], default))[0];
        return rows.Sum(r => r.Values[(int)counter]);
    }

    /// <summary>Today's local midnight in Hanoi (rows must be within the minutes' retention).</summary>
    internal static DateTimeOffset VietnamToday() =>
        IOC.Domain.Time.VietnamTime.StartOfDay(IOC.Domain.Time.VietnamTime.LocalDate(DateTimeOffset.UtcNow));

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();
}
