using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.Grains.Messages;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.Fold;

/// <summary>The city's sum of numbered shares and pulled contributions, without a silo.</summary>
public sealed class CityFoldTests
{
    private static readonly DateTimeOffset Now = Local(2025, 7, 2, 10, 0);
    private static readonly UnitKey CuaNam = new(UnitLevel.Ward, "00082");
    private static readonly UnitKey HoanKiem = new(UnitLevel.Ward, "00070");

    [Fact]
    public void TheCityIsTheSumOfItsContributorsSharesInEveryWindowWithTheirLatestGauges()
    {
        var city = Loaded();

        city.Apply(Share(CuaNam, 1, new Gauges(2, 1, 0, 0, 0), Call(Now.AddMinutes(-5), "00082"), Call(Now.AddMinutes(-90), "00082")));
        city.Apply(Share(HoanKiem, 1, new Gauges(1, 0, 1, 0, 0), Call(Now.AddMinutes(-5), "00070")));
        city.Apply(Share(CuaNam, 2, new Gauges(1, 1, 0, 0, 0)));
        var snapshot = city.Snapshot(Now);

        KpiWindows.All.Select(w => snapshot[w][Counter.CallsOffered]).Should().Equal(3, 2, 3, 3, 3);
        snapshot.Gauges.Should().Be(new Gauges(2, 1, 1, 0, 0));
    }

    [Fact]
    public void AShareAlreadyTakenIsStaleAndOneAfterAGapIsMissing()
    {
        var city = Loaded();
        city.Apply(Share(CuaNam, 1, default, Call(Now, "00082")));

        var again = city.Apply(Share(CuaNam, 1, default, Call(Now, "00082")));
        var skipped = city.Apply(Share(CuaNam, 3, default, Call(Now, "00082")));

        (again, skipped).Should().Be((ShareOutcome.Stale, ShareOutcome.Missing));
        city.Snapshot(Now)[KpiWindow.Today][Counter.CallsOffered].Should().Be(1);
    }

    [Fact]
    public void APulledContributionReplacesEverythingBeforeItAndSharesItIncludesAreStale()
    {
        var ward = new UnitFold(CuaNam);
        ward.Receive(Call(Now, "00082"));
        ward.Receive(Call(Now.AddDays(-3), "00082"));
        var city = Loaded();
        city.Apply(Share(CuaNam, 1, default, Call(Now, "00082")));

        city.Reset();
        city.Load(new CityContribution(CuaNam, Incarnation, ward.ExportBuckets(), LastShare: 4, new Gauges(0, 0, 0, 1, 0)));
        var included = city.Apply(Share(CuaNam, 4, default, Call(Now, "00082")));
        var next = city.Apply(Share(CuaNam, 5, new Gauges(0, 0, 0, 1, 0), Call(Now, "00082")));
        var snapshot = city.Snapshot(Now);

        (included, next).Should().Be((ShareOutcome.Stale, ShareOutcome.Applied));
        snapshot[KpiWindow.Today][Counter.CallsOffered].Should().Be(2);
        snapshot[KpiWindow.YearToDate][Counter.CallsOffered].Should().Be(3);
        snapshot.Gauges.OpenTickets.Should().Be(1);
    }

    [Fact]
    public void TheTrendSendsTodayWholeFirstThenOnlyTheSlotsThatMoved()
    {
        var city = Loaded();
        city.Apply(Share(CuaNam, 1, default, Call(Local(2025, 7, 2, 0, 7), "00082")));

        var first = city.TakeTrend(Local(2025, 7, 2, 0, 14));
        var quiet = city.TakeTrend(Local(2025, 7, 2, 0, 16));
        city.Apply(Share(CuaNam, 2, default, Call(Local(2025, 7, 2, 0, 16), "00082")));
        var moved = city.TakeTrend(Local(2025, 7, 2, 0, 17));

        first!.Full.Should().BeTrue();
        first.Slots.Select(s => s.Counters[Counter.CallsOffered]).Should().Equal(0, 1, 0);
        quiet.Should().BeNull();
        moved!.Full.Should().BeFalse();
        moved.Slots.Select(s => (s.Key, s.Counters[Counter.CallsOffered])).Should().Equal((VietnamTime.MinuteKey(Local(2025, 7, 2, 0, 15)) / 5, 1L));
    }

    [Fact]
    public void AShareFromANewActivationOfAContributorMakesTheCityRebuild()
    {
        var city = Loaded();
        city.Apply(Share(CuaNam, 1, default, Call(Now, "00082")));

        var reborn = city.Apply(Share(CuaNam, 1, default, Call(Now, "00082")) with { Incarnation = Incarnation + 1 });

        reborn.Should().Be(ShareOutcome.Missing);
    }

    private const long Incarnation = 7;

    /// <summary>A city that pulled its two contributors before they had anything: their shares are numbered from 1.</summary>
    private static CityFold Loaded()
    {
        var city = new CityFold(UnitKey.City);
        city.Load(new CityContribution(CuaNam, Incarnation, BucketState.Empty, 0, default));
        city.Load(new CityContribution(HoanKiem, Incarnation, BucketState.Empty, 0, default));
        return city;
    }

    private static CityShare Share(UnitKey from, long number, Gauges gauges, params IOC.Domain.Events.IocEvent[] events)
    {
        var delta = new GrainDelta();
        foreach (var e in events)
        {
            delta.Fold(e, VietnamTime.MinuteKey(e.At), null);
        }

        return new CityShare(from, Incarnation, number, delta.Counters, gauges);
    }
}
