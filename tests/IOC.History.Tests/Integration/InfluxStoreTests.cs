using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.History.Influx;
using IOC.History.Model;
using IOC.History.Sqlite;
using IOC.History.Store;
using IOC.Tests.Shared;

namespace IOC.History.Tests.Integration;

/// <summary>The InfluxDB adapter against a real influxd: schema, idempotent writes, escaping, sums on Hanoi's clock.</summary>
public sealed class InfluxStoreTests(InfluxDb influx) : IClassFixture<InfluxDb>, IAsyncLifetime
{
    private static readonly UnitKey CuaNam = new(UnitLevel.Ward, "00082");
    private static readonly Retention Retention = new(TimeSpan.FromHours(48), TimeSpan.FromDays(90));

    /// <summary>Local midnight two days ago: recent enough for every retention policy.</summary>
    private static readonly DateTimeOffset Day = VietnamStartOfDay(DateTimeOffset.UtcNow.AddDays(-2));

    private readonly string _database = "t" + Guid.NewGuid().ToString("N")[..10];
    private InfluxHistoryStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new InfluxHistoryStore(influx.Client(), _database, Retention);
        await _store.EnsureSchemaAsync(default);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task TheSchemaHasOneRetentionPolicyPerResolutionAndCreatingItAgainIsHarmless()
    {
        await _store.EnsureSchemaAsync(default);
        using var client = influx.Client();

        var policies = (await client.QueryAsync(null, $"SHOW RETENTION POLICIES ON \"{_database}\"", default))[0].Series[0];

        var name = policies.Column("name");
        var duration = policies.Column("duration");
        policies.Rows.Where(r => (string)r[name]! != "autogen").Select(r => ((string)r[name]!, (string)r[duration]!))
            .Should().BeEquivalentTo(new[] { ("minutes", "48h0m0s"), ("hours", "2160h0m0s"), ("days", "0s") });
    }

    [Fact]
    public async Task APointWrittenAgainReplacesTheFirstWrite()
    {
        var hour = Ms(Day.AddHours(9));
        await _store.WriteAsync([Point(Resolution.Hour, hour, 42, calls: 2)], default);

        await _store.WriteAsync([Point(Resolution.Hour, hour, 42, calls: 5)], default);

        var rows = await QueryAsync(new HistoryQuery(Measurement.Counters, Resolution.Hour, hour, hour + 3_600_000, CuaNam, null));
        rows.Single().Values[(int)Counter.CallsReceived].Should().Be(5);
    }

    [Fact]
    public async Task ThePointsOfABucketAreSummedAndDaysFollowHanoisClock()
    {
        await _store.WriteAsync(
        [
            Point(Resolution.Hour, Ms(Day.AddHours(-1)), 1, calls: 1),
            Point(Resolution.Hour, Ms(Day), 2, calls: 2),
            Point(Resolution.Hour, Ms(Day), 3, calls: 3),
            Point(Resolution.Hour, Ms(Day.AddHours(23)), 4, calls: 4),
        ], default);

        var days = await QueryAsync(new HistoryQuery(Measurement.Counters, Resolution.Hour, Ms(Day.AddDays(-1)), Ms(Day.AddDays(1)), CuaNam, TimeSpan.FromDays(1)));

        days.Select(r => (DateTimeOffset.FromUnixTimeMilliseconds(r.StartMs), r.Values[(int)Counter.CallsReceived]))
            .Should().Equal((Day.AddDays(-1), 1L), (Day, 9L));
    }

    [Fact]
    public async Task TagsWithCommasSpacesEqualsQuotesAndVietnameseReadBackAsWritten()
    {
        var series = new SeriesKey(CuaNam, "Đăng ký \"khai sinh\", lần=2", "in_person");
        var hour = Ms(Day.AddHours(10));

        await _store.WriteAsync([new HistoryPoint(Measurement.Procedures, Resolution.Hour, series, hour, 9, [3, 2, 1])], default);
        var rows = await QueryAsync(new HistoryQuery(Measurement.Procedures, Resolution.Hour, hour, hour + 1, CuaNam, null));

        rows.Single().Series.Should().Be(series);
        rows.Single().Values.Should().Equal(3, 2, 1);
    }

    [Fact]
    public async Task APointOlderThanItsRetentionIsDroppedWithoutFailingTheOthers()
    {
        var recent = Ms(DateTimeOffset.UtcNow.AddMinutes(-30));
        var minute = recent - (recent % 60_000);

        await _store.WriteAsync([Point(Resolution.Minute, minute - (3 * 86_400_000), 1, calls: 7), Point(Resolution.Minute, minute, 2, calls: 1)], default);

        var rows = await QueryAsync(new HistoryQuery(Measurement.Counters, Resolution.Minute, 0, minute + 60_000, CuaNam, null));
        rows.Single().Values[(int)Counter.CallsReceived].Should().Be(1);
    }

    [Fact]
    public async Task BothStoresAnswerTheSameQueriesTheSame()
    {
        using var folder = new TempFolder("ioc-both-stores-");
        await using var sqlite = new SqliteHistoryStore(folder.File("history.db"), Retention, TimeProvider.System);
        await sqlite.EnsureSchemaAsync(default);
        var points = Enumerable.Range(0, 48).Select(h => Point(Resolution.Hour, Ms(Day.AddHours(h)), h % 3, calls: h)).ToList();
        var queries = new[]
        {
            new HistoryQuery(Measurement.Counters, Resolution.Hour, Ms(Day), Ms(Day.AddDays(2)), CuaNam, TimeSpan.FromDays(1)),
            new HistoryQuery(Measurement.Counters, Resolution.Hour, Ms(Day.AddHours(5)), Ms(Day.AddHours(29)), null, null),
            new HistoryQuery(Measurement.Counters, Resolution.Hour, Ms(Day), Ms(Day.AddHours(6)), CuaNam, TimeSpan.FromHours(1)),
        };

        await sqlite.WriteAsync(points, default);
        await _store.WriteAsync(points, default);
        var fromSqlite = await sqlite.QueryAsync(queries, default);
        var fromInflux = await _store.QueryAsync(queries, default);

        fromInflux.Should().HaveCount(3);
        for (var i = 0; i < queries.Length; i++)
        {
            fromInflux[i].Select(r => (r.Series, r.StartMs, string.Join(",", r.Values)))
                .Should().Equal(fromSqlite[i].Select(r => (r.Series, r.StartMs, string.Join(",", r.Values))), $"query {i}");
        }

        fromInflux[1].Single().Values[(int)Counter.CallsReceived].Should().Be(Enumerable.Range(5, 24).Sum());
    }

    private async Task<IReadOnlyList<HistoryRow>> QueryAsync(HistoryQuery query) => (await _store.QueryAsync([query], default))[0];

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static DateTimeOffset VietnamStartOfDay(DateTimeOffset at) =>
        IOC.Domain.Time.VietnamTime.StartOfDay(IOC.Domain.Time.VietnamTime.LocalDate(at));

    private static HistoryPoint Point(Resolution resolution, long bucket, long id, long calls)
    {
        var values = new long[CounterSet.Size];
        values[(int)Counter.CallsReceived] = calls;
        return new HistoryPoint(Measurement.Counters, resolution, new SeriesKey(CuaNam), bucket, id, values);
    }
}
