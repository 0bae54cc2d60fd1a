using IOC.Domain.Units;
using IOC.History.Influx;
using IOC.History.Model;
using IOC.History.Store;

namespace IOC.History.Tests.Influx;

public sealed class InfluxStatementTests
{
    private readonly InfluxHistoryStore _store = new(new InfluxClient(new Uri("http://127.0.0.1:1"), TimeSpan.FromSeconds(1)), "ioc", new Retention(TimeSpan.FromHours(48), TimeSpan.FromDays(90)));

    [Fact]
    public void ADailySeriesOfOneUnitSumsEveryFieldPerLocalDay()
    {
        var query = new HistoryQuery(Measurement.Counters, Resolution.Day, 1_000, 2_000, new UnitKey(UnitLevel.Ward, "00082"), TimeSpan.FromDays(1));

        var text = _store.Statement(query);

        text.Should().StartWith("SELECT sum(\"DossiersReceived\") AS \"DossiersReceived\", sum(\"DossiersReceivedOnline\") AS \"DossiersReceivedOnline\"");
        text.Should().Contain(" FROM \"ioc\".\"days\".\"counters\" WHERE time >= 1000ms AND time < 2000ms AND \"level\" = 'ward' AND \"unit\" = '00082'");
        text.Should().EndWith(" GROUP BY time(24h, 17h), \"level\", \"unit\" fill(none)");
    }

    [Fact]
    public void ATotalOfEveryUnitsProceduresGroupsByAllTagsAndNotByTime()
    {
        var query = new HistoryQuery(Measurement.Procedures, Resolution.Hour, 0, 3_600_000, null, null);

        var text = _store.Statement(query);

        text.Should().Contain("FROM \"ioc\".\"hours\".\"procedures\" WHERE time >= 0ms AND time < 3600000ms GROUP BY \"level\", \"unit\", \"procedure\", \"channel\"");
        text.Should().NotContain("fill(none)");
    }

    [Fact]
    public void FiveMinuteGroupsOnMinuteBucketsNeedNoOffset()
    {
        var query = new HistoryQuery(Measurement.Counters, Resolution.Minute, 0, 1, null, TimeSpan.FromMinutes(5));

        var text = _store.Statement(query);

        text.Should().Contain("\"minutes\".\"counters\"").And.Contain("GROUP BY time(5m), \"level\", \"unit\" fill(none)");
    }
}
