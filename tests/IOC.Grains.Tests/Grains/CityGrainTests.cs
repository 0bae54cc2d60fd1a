using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Grains;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.Grains;

public sealed class CityGrainTests
{
    private static readonly DateTimeOffset Now = Local(2025, 7, 2, 10, 0);

    [Fact]
    public void TheCityMergesWardDeltasIntoItsWindows()
    {
        var a = new WardGrain("00082");
        var b = new WardGrain("00070");
        a.Receive(Call(Now.AddMinutes(-5), "00082"));
        a.Receive(Call(Now.AddMinutes(-90), "00082"));
        b.Receive(Call(Now.AddMinutes(-5), "00070"));
        var city = new CityGrain();

        city.Merge(a.TakeDeltas().City!.Counters);
        city.Merge(b.TakeDeltas().City!.Counters);
        var snapshot = city.Snapshot(Now, new Gauges(5, 1, 2, 0, 0));

        snapshot.Key.Should().Be(UnitKey.City);
        KpiWindows.All.Select(w => snapshot[w][Counter.CallsOffered]).Should().Equal(3, 2, 3, 3);
        snapshot.Gauges.Should().Be(new Gauges(5, 1, 2, 0, 0));
        city.LastSnapshot.Should().BeSameAs(snapshot);
    }

    [Fact]
    public void TheCityTrendOfTodayComesFromTheMergedMinutes()
    {
        var delta = default(CounterSet);
        EventFolder.Fold(Call(Local(2025, 7, 2, 0, 7), "00082"), ref delta);
        var city = new CityGrain();

        city.Merge(new Dictionary<long, CounterSet> { [VietnamTime.MinuteKey(Local(2025, 7, 2, 0, 7))] = delta });
        var series = city.TodayByFiveMinutes(Local(2025, 7, 2, 0, 14));

        series.Select(s => s.Counters[Counter.CallsOffered]).Should().Equal(0, 1, 0);
    }
}
