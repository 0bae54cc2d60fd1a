using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Grains;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.Grains;

/// <summary>Ward and agency grains: what they count, and what they forward to the city (never twice).</summary>
public sealed class UnitGrainTests
{
    private static readonly DateTimeOffset Now = Local(2025, 7, 2, 10, 0);

    [Fact]
    public void AWardForwardsEveryEventToTheCityByMinute()
    {
        var ward = new WardGrain("00082");
        ward.Receive(Received(Now.AddMinutes(-2), "00082"));
        ward.Receive(Received(Now.AddMinutes(-2), "00082", "VPTU"));
        ward.Receive(Call(Now, "00082"));

        var delta = ward.TakeDeltas().City?.Counters;

        delta.Should().NotBeNull();
        delta!.Keys.Should().BeEquivalentTo([VietnamTime.MinuteKey(Now.AddMinutes(-2)), VietnamTime.MinuteKey(Now)]);
        delta[VietnamTime.MinuteKey(Now.AddMinutes(-2))][Counter.DossiersReceived].Should().Be(2);
        delta[VietnamTime.MinuteKey(Now)][Counter.CallsAnswered].Should().Be(1);
    }

    [Fact]
    public void ACityDeltaIsHandedOverOnlyOnce()
    {
        var ward = new WardGrain("00082");
        ward.Receive(Call(Now, "00082"));

        var first = ward.TakeDeltas();
        var second = ward.TakeDeltas();

        first.City!.Counters.Should().HaveCount(1);
        second.City.Should().BeNull();
        second.Unit.Should().BeNull();
    }

    [Fact]
    public void AnAgencyForwardsOnlyEventsThatNameNoWard()
    {
        var agency = new AgencyGrain("VPTU");
        agency.Receive(Document(Now, "VPTU"));
        agency.Receive(Document(Now, "VPTU", unit: "00082"));

        var delta = agency.TakeDeltas().City?.Counters;
        var snapshot = agency.Snapshot(Now);

        delta!.Values.Single()[Counter.DocumentsProcessed].Should().Be(1);
        snapshot[KpiWindow.Today][Counter.DocumentsProcessed].Should().Be(2);
    }

    [Fact]
    public void AnAgencyWithOnlyWardEventsForwardsNothing()
    {
        var agency = new AgencyGrain("VPTU");
        agency.Receive(Call(Now, "00082", "VPTU"));

        var delta = agency.TakeDeltas().City;

        delta.Should().BeNull();
    }

    [Fact]
    public void TheAgencysCityGaugesLeaveOutDossiersTheWardAlreadyCounts()
    {
        var agency = new AgencyGrain("VPTU");
        agency.Receive(Received(Now.AddDays(-2), "00082", "VPTU", dossierId: "shared", dueAt: Now.AddHours(-1)));
        agency.Receive(Received(Now.AddDays(-2), null, "VPTU", dossierId: "own", dueAt: Now.AddHours(-1)));

        var snapshot = agency.Snapshot(Now);

        snapshot.Gauges.Should().Be(new Gauges(2, 2, 0, 0, 0));
        agency.CityGauges.Should().Be(new Gauges(1, 1, 0, 0, 0));
    }

    [Fact]
    public void AGrainIsDirtyFromAnEventUntilItsNextSnapshot()
    {
        var ward = new WardGrain("00082");
        var fresh = ward.Dirty;

        ward.Receive(Call(Now, "00082"));
        var afterEvent = ward.Dirty;
        var snapshot = ward.Snapshot(Now);

        fresh.Should().BeFalse();
        afterEvent.Should().BeTrue();
        ward.Dirty.Should().BeFalse();
        ward.LastSnapshot.Should().BeSameAs(snapshot);
        snapshot.Key.Should().Be(new UnitKey(UnitLevel.Ward, "00082"));
        snapshot.AsOf.Should().Be(Now);
    }

    [Fact]
    public void ASnapshotHoldsEveryWindowAtItsTime()
    {
        var ward = new WardGrain("00082");
        ward.Receive(Call(Local(2025, 6, 30, 9, 0), "00082"));
        ward.Receive(Call(Local(2025, 7, 1, 9, 0), "00082"));
        ward.Receive(Call(Now.AddMinutes(-90), "00082"));
        ward.Receive(Call(Now.AddMinutes(-10), "00082"));

        var snapshot = ward.Snapshot(Now);

        KpiWindows.All.Select(w => snapshot[w][Counter.CallsOffered]).Should().Equal(2, 1, 3, 4);
    }

    [Fact]
    public void TheWardListsItsOpenDossiers()
    {
        var ward = new WardGrain("00082");
        ward.Receive(Received(Now.AddDays(-1), "00082", dossierId: "D1"));
        ward.Receive(Received(Now.AddDays(-1), "00082", dossierId: "D2"));
        ward.Receive(Completed(Now, "00082", "D1", Now.AddDays(1)));

        var open = ward.OpenDossiers;

        open.Select(d => d.DossierId).Should().Equal("D2");
        open.Single().ReceivedAt.Should().Be(Now.AddDays(-1));
    }
}
