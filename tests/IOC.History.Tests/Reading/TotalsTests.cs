using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.History.Model;
using IOC.History.Reading;
using IOC.History.Sqlite;
using IOC.History.Store;
using IOC.History.Writing;
using IOC.Tests.Shared;

namespace IOC.History.Tests.Reading;

/// <summary>
/// Totals over ranges: many units over one range are read in one statement per stretch and summed per unit; the
/// answer must be the one a read per unit gives, and each unit must get only its own rows.
/// </summary>
public sealed class TotalsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly Retention Retention = Retention.From(new HistoryOptions());

    private readonly TempFolder _folder = new("ioc-totals-");
    private SqliteHistoryStore _store = null!;
    private HistoryBuffer _buffer = null!;
    private HistoryWriter _writer = null!;
    private HistoryReader _reader = null!;

    /// <summary>Twelve wards: ward i had i + 1 calls in each of three minutes (10 days ago, 30 hours ago, 5 minutes ago).</summary>
    private static readonly UnitKey[] Wards = Enumerable.Range(0, 12).Select(i => new UnitKey(UnitLevel.Ward, $"{10000 + i}")).ToArray();

    public async Task InitializeAsync()
    {
        var options = new HistoryOptions();
        _store = new SqliteHistoryStore(_folder.File("history.db"), Retention, TimeProvider.System);
        await _store.EnsureSchemaAsync(default);
        _buffer = new HistoryBuffer(_folder.File("buffer.db"), Retention, options.MaxBufferedMinutePoints);
        _writer = new HistoryWriter(_buffer, _store, options, TimeProvider.System);
        _reader = new HistoryReader(_store, _writer, options, TimeProvider.System);
        var points = new List<HistoryPoint>();
        foreach (var (ward, i) in Wards.Select((w, i) => (w, i)))
        {
            foreach (var at in new[] { Now.AddDays(-10), Now.AddHours(-30), Now.AddMinutes(-5) })
            {
                var minuteKey = IOC.Domain.Time.VietnamTime.MinuteKey(at);
                foreach (var resolution in Resolutions.All)
                {
                    var values = new long[CounterSet.Size];
                    values[(int)Counter.CallsReceived] = i + 1;
                    points.Add(new HistoryPoint(Measurement.Counters, resolution, new SeriesKey(ward), resolution.BucketOfMinute(minuteKey), minuteKey % 1000, values));
                }
            }
        }

        await _store.WriteAsync(points, default);
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        _buffer.Dispose();
        await _store.DisposeAsync();
        _folder.Dispose();
    }

    [Theory]
    [InlineData(2, 3)]   // two days: the 30-hours-ago and 5-minutes-ago calls, read from days, hours and minutes
    [InlineData(14, 3)]  // two weeks: all three
    [InlineData(0.05, 1)] // 72 minutes: the last one only
    public async Task TwelveWardsOverOneRangeGetWhatAReadPerWardGives(double days, int minutesCounted)
    {
        var from = Now.AddDays(-days);
        var together = await _reader.TotalsAsync(Wards.Select(w => new RangeRequest(w, from, Now)).ToList(), default);
        var alone = new List<RangeTotal>();
        foreach (var ward in Wards)
        {
            alone.AddRange(await _reader.TotalsAsync([new RangeRequest(ward, from, Now)], default));
        }

        var expected = Wards.Select((_, i) => (long)(i + 1) * (days >= 14 ? 3 : days >= 2 ? 2 : minutesCounted)).ToList();
        together.Select(t => t.Counters[Counter.CallsReceived]).Should().Equal(expected);
        alone.Select(t => t.Counters[Counter.CallsReceived]).Should().Equal(expected);
        together.Select(t => t.Unit).Should().Equal(Wards);
    }

    [Fact]
    public async Task SharedAndSingleRangesInOneCallEachKeepTheirOwnTotals()
    {
        var requests = Wards.Select(w => new RangeRequest(w, Now.AddDays(-14), Now))
            .Append(new RangeRequest(Wards[3], Now.AddHours(-2), Now))
            .Append(new RangeRequest(Wards[0], Now.AddDays(-14), Now))
            .Append(new RangeRequest(new UnitKey(UnitLevel.Ward, "99999"), Now.AddDays(-14), Now))
            .ToList();

        var totals = await _reader.TotalsAsync(requests, default);

        totals.Take(12).Select(t => t.Counters[Counter.CallsReceived]).Should().Equal(Wards.Select((_, i) => (long)(i + 1) * 3));
        totals[12].Counters[Counter.CallsReceived].Should().Be(4, "ward 3's last two hours: one minute of 4 calls");
        totals[13].Counters[Counter.CallsReceived].Should().Be(3, "the same unit asked twice gets its total twice");
        totals[14].Counters[Counter.CallsReceived].Should().Be(0, "a unit with no rows");
    }
}
