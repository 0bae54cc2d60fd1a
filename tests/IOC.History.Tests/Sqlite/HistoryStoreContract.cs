using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.History.Model;
using IOC.History.Store;
using Microsoft.Extensions.Time.Testing;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.History.Tests.Sqlite;

/// <summary>
/// What every table-based history store must do (SQLite embedded, PostgreSQL in a cluster): whole points replace
/// themselves, a bucket's points are summed and grouped on Hanoi's clock, procedures keep their tags, and minutes and
/// hours past their retention go while days stay. Each store's test class gives a fresh, empty store.
/// </summary>
public abstract class HistoryStoreContract : IAsyncLifetime
{
    protected static readonly UnitKey CuaNam = new(UnitLevel.Ward, "00082");
    protected static readonly UnitKey HoanKiem = new(UnitLevel.Ward, "00070");

    protected IHistoryStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = await CreateAsync(new Retention(TimeSpan.FromHours(48), TimeSpan.FromDays(90)), new FakeTimeProvider(Local(2025, 7, 3, 12, 0).ToUniversalTime()));
        await Store.EnsureSchemaAsync(default);
    }

    public virtual async Task DisposeAsync() => await Store.DisposeAsync();

    /// <summary>A new, empty store with this retention, whose clock says 2025-07-03 12:00 in Hanoi.</summary>
    protected abstract Task<IHistoryStore> CreateAsync(Retention retention, TimeProvider time);

    [Fact]
    public async Task WritingAPointAgainReplacesIt()
    {
        var hour = Ms(Local(2025, 7, 2, 9, 0));
        await Store.WriteAsync([Point(Resolution.Hour, CuaNam, hour, 1, calls: 2)], default);

        await Store.WriteAsync([Point(Resolution.Hour, CuaNam, hour, 1, calls: 5)], default);
        await Store.EnsureSchemaAsync(default);

        var rows = await Query(new HistoryQuery(Measurement.Counters, Resolution.Hour, hour, hour + 3_600_000, CuaNam, null));
        rows.Single().Values[(int)Counter.CallsReceived].Should().Be(5);
    }

    [Fact]
    public async Task ThePointsOfABucketAreSummedAndGroupedOnHanoisClock()
    {
        await Store.WriteAsync(
        [
            Point(Resolution.Hour, CuaNam, Ms(Local(2025, 7, 1, 23, 0)), 1, calls: 1),
            Point(Resolution.Hour, CuaNam, Ms(Local(2025, 7, 2, 0, 0)), 2, calls: 2),
            Point(Resolution.Hour, CuaNam, Ms(Local(2025, 7, 2, 0, 0)), 3, calls: 3),
            Point(Resolution.Hour, CuaNam, Ms(Local(2025, 7, 2, 23, 0)), 4, calls: 4),
            Point(Resolution.Hour, HoanKiem, Ms(Local(2025, 7, 2, 5, 0)), 5, calls: 100),
        ], default);

        var days = await Query(new HistoryQuery(Measurement.Counters, Resolution.Hour, Ms(Local(2025, 7, 1, 0, 0)), Ms(Local(2025, 7, 3, 0, 0)), CuaNam, TimeSpan.FromDays(1)));
        var total = await Query(new HistoryQuery(Measurement.Counters, Resolution.Hour, Ms(Local(2025, 7, 2, 0, 0)), Ms(Local(2025, 7, 3, 0, 0)), null, null));

        days.Select(r => (DateTimeOffset.FromUnixTimeMilliseconds(r.StartMs), r.Values[(int)Counter.CallsReceived]))
            .Should().Equal((Local(2025, 7, 1, 0, 0), 1L), (Local(2025, 7, 2, 0, 0), 9L));
        total.Select(r => (r.Series.Unit, r.Values[(int)Counter.CallsReceived])).Should().BeEquivalentTo(new[] { (CuaNam, 9L), (HoanKiem, 100L) });
    }

    [Fact]
    public async Task ProceduresKeepTheirProcedureAndChannelTags()
    {
        var hour = Ms(Local(2025, 7, 2, 9, 0));
        var series = new SeriesKey(CuaNam, "Đăng ký \"khai sinh\", lần 2", "online");
        await Store.WriteAsync([new HistoryPoint(Measurement.Procedures, Resolution.Hour, series, hour, 7, [3, 1, 0])], default);

        var rows = await Query(new HistoryQuery(Measurement.Procedures, Resolution.Hour, hour, hour + 1, CuaNam, null));

        rows.Single().Series.Should().Be(series);
        rows.Single().Values.Should().Equal(3, 1, 0);
    }

    [Fact]
    public async Task HoursOlderThanTheirRetentionAreDeletedWhileDaysStay()
    {
        var old = Ms(Local(2025, 3, 1, 9, 0));
        await Store.WriteAsync([Point(Resolution.Hour, CuaNam, old, 1, calls: 1), Point(Resolution.Day, CuaNam, Ms(Local(2025, 3, 1, 0, 0)), 2, calls: 1)], default);

        var hours = await Query(new HistoryQuery(Measurement.Counters, Resolution.Hour, 0, long.MaxValue, null, null));
        var days = await Query(new HistoryQuery(Measurement.Counters, Resolution.Day, 0, long.MaxValue, null, null));

        hours.Should().BeEmpty();
        days.Should().ContainSingle();
    }

    private async Task<IReadOnlyList<HistoryRow>> Query(HistoryQuery query) => (await Store.QueryAsync([query], default))[0];

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static HistoryPoint Point(Resolution resolution, UnitKey unit, long bucket, long id, long calls)
    {
        var values = new long[CounterSet.Size];
        values[(int)Counter.CallsReceived] = calls;
        return new HistoryPoint(Measurement.Counters, resolution, new SeriesKey(unit), bucket, id, values);
    }
}
