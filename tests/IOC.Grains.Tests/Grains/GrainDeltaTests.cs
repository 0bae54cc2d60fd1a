using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Grains.Grains;
using IOC.Grains.State;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.Grains;

/// <summary>What grains hand over for the history store: every event per minute, dossiers per procedure, open-item changes.</summary>
public sealed class GrainDeltaTests
{
    private static readonly DateTimeOffset Now = Local(2025, 7, 2, 10, 0);

    [Fact]
    public void AWardHandsTheSameDeltaToTheCityAndToTheHistory()
    {
        var ward = new WardGrain("00082");
        ward.Receive(Call(Now, "00082"));

        var deltas = ward.TakeDeltas();

        deltas.Unit.Should().NotBeNull();
        deltas.City.Should().BeSameAs(deltas.Unit);
        deltas.Unit!.Counters[VietnamTime.MinuteKey(Now)][Counter.CallsAnswered].Should().Be(1);
    }

    [Fact]
    public void AnAgencyHandsEveryEventToTheHistoryButOnlyItsOwnToTheCity()
    {
        var agency = new AgencyGrain("VPTU");
        agency.Receive(Document(Now, "VPTU"));
        agency.Receive(Document(Now, "VPTU", unit: "00082"));
        agency.Receive(Document(Now.AddMinutes(1), "VPTU", unit: "00082"));

        var deltas = agency.TakeDeltas();

        deltas.Unit!.Counters.Values.Sum(c => c[Counter.DocumentsProcessed]).Should().Be(3);
        deltas.City!.Counters.Values.Sum(c => c[Counter.DocumentsProcessed]).Should().Be(1);
    }

    [Fact]
    public void DossiersAreCountedPerMinuteProcedureAndChannelWithLateCompletions()
    {
        var ward = new WardGrain("00082");
        ward.Receive(Received(Now.AddDays(-2), "00082", dossierId: "A", channel: DossierChannel.Online));
        ward.Receive(Received(Now.AddDays(-2), "00082", dossierId: "B", channel: DossierChannel.Online));
        ward.Receive(Received(Now.AddDays(-2), "00082", dossierId: "C", channel: DossierChannel.Postal));
        ward.Receive(Completed(Now, "00082", "A", dueAt: Now.AddHours(1)));
        ward.Receive(Completed(Now, "00082", "B", dueAt: Now.AddHours(-1)));

        var procedures = ward.TakeDeltas().Unit!.ProcedureTotals();

        var then = VietnamTime.MinuteKey(Now.AddDays(-2));
        var now = VietnamTime.MinuteKey(Now);
        procedures.Should().HaveCount(3);
        procedures[new ProcedureBucket(then, "1.001234", DossierChannel.Online)].Received.Should().Be(2);
        procedures[new ProcedureBucket(then, "1.001234", DossierChannel.Postal)].Received.Should().Be(1);
        var completed = procedures[new ProcedureBucket(now, "1.001234", DossierChannel.Online)];
        (completed.Received, completed.Completed, completed.CompletedLate).Should().Be((0L, 2L, 1L));
    }

    [Fact]
    public void ACompletionWhoseReceiptWasNeverSeenCountsUnderTheUnknownProcedure()
    {
        var ward = new WardGrain("00082");
        ward.Receive(Completed(Now, "00082", "never-received"));

        var procedures = ward.TakeDeltas().Unit!.ProcedureTotals();

        procedures.Keys.Should().Equal(new ProcedureBucket(VietnamTime.MinuteKey(Now), ProcedureBucket.UnknownProcedure, null));
    }

    [Fact]
    public void OpenItemChangesNameWhatOpenedAndWhatClosedOnce()
    {
        var ward = new WardGrain("00082");
        ward.Receive(Received(Now, "00082", dossierId: "A"));
        ward.Receive(Received(Now, "00082", dossierId: "B"));
        ward.Receive(Completed(Now, "00082", "B"));
        ward.Receive(TicketOpened(Now, "00082", "T1"));

        var first = ward.TakeDeltas().Open;
        var second = ward.TakeDeltas().Open;

        first!.Dossiers.Select(c => (c.Key, c.Value?.DossierId)).Should().Equal(("A", "A"), ("B", "B"), ("B", null));
        first.Tickets.Select(c => (c.Key, c.Value?.TicketId)).Should().Equal(("T1", "T1"));
        second.Should().BeNull();
    }

    [Fact]
    public void ARestoredGrainShowsItsWindowsAndOpenWorkButHandsNothingOver()
    {
        var ward = new WardGrain("00082");
        var day = default(CounterSet);
        day[Counter.DossiersReceived] = 7;
        var month = day;
        var minute = default(CounterSet);
        minute[Counter.DossiersReceived] = 2;
        var open = new OpenDossier("D1", "1.001234", DossierChannel.Online, Now.AddDays(-1), Now.AddHours(-1), true);

        ward.Restore(new RestoredState
        {
            Days = [(VietnamTime.DayKey(Now), day), (VietnamTime.DayKey(Now.AddDays(-1)), month)],
            Minutes = [(VietnamTime.MinuteKey(Now.AddMinutes(-3)), minute)],
            FiveMinutes = [(VietnamTime.MinuteKey(Now.AddMinutes(-3)) / 5, minute)],
            OpenDossiers = [open],
        });
        var snapshot = ward.Snapshot(Now);
        var deltas = ward.TakeDeltas();

        KpiWindows.All.Select(w => snapshot[w][Counter.DossiersReceived]).Should().Equal(7, 2, 14, 14);
        snapshot.Gauges.OverdueDossiers.Should().Be(1);
        ward.OpenDossiers.Should().Equal(open);
        ward.TodayByFiveMinutes(Now).Sum(p => p.Counters[Counter.DossiersReceived]).Should().Be(2);
        deltas.Should().Be(new GrainDeltas(null, null, null));
    }
}
