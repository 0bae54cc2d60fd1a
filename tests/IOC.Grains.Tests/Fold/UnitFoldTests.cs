using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.Grains.Messages;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.Fold;

/// <summary>A unit's fold without a silo: what it counts, what it hands over, and which inbox events it holds.</summary>
public sealed class UnitFoldTests
{
    private static readonly DateTimeOffset Now = Local(2025, 7, 2, 10, 0);
    private static readonly UnitKey CuaNam = new(UnitLevel.Ward, "00082");

    [Fact]
    public void TheDeltaHoldsEveryEventByMinuteAndIsHandedOverOnce()
    {
        var fold = new UnitFold(CuaNam);
        fold.Receive(Received(Now.AddMinutes(-2), "00082"));
        fold.Receive(Received(Now.AddMinutes(-2), "00082", "VPTU"));
        fold.Receive(Call(Now, "00082"));

        var first = fold.TakeChanges();
        var second = fold.TakeChanges();

        first.Delta!.Counters.Keys.Should().BeEquivalentTo([VietnamTime.MinuteKey(Now.AddMinutes(-2)), VietnamTime.MinuteKey(Now)]);
        first.Delta.Counters[VietnamTime.MinuteKey(Now.AddMinutes(-2))][Counter.DossiersReceived].Should().Be(2);
        first.Delta.Counters[VietnamTime.MinuteKey(Now)][Counter.CallsAnswered].Should().Be(1);
        (second.Delta, second.Open).Should().Be((null, null));
    }

    [Fact]
    public void ABatchDeliveredTwiceCountsOnceAndItsLastSequenceNumberBecomesTheCut()
    {
        var fold = new UnitFold(CuaNam);
        IReadOnlyList<InboxEvent> batch = [new(11, Call(Now, "00082")), new(14, Call(Now, "00082"))];

        fold.Fold(batch, through: 20);
        fold.Fold(batch, through: 20);

        fold.Snapshot(Now)[KpiWindow.Today][Counter.CallsOffered].Should().Be(2);
        fold.Cut.Should().Be(new FoldCut(20, []));
    }

    [Fact]
    public void EventsTheCutAlreadyHoldsAreSkippedAndOthersFolded()
    {
        var fold = new UnitFold(CuaNam);
        fold.Restore(new RestoredState(), new FoldCut(10, [new SeqRange(15, 16)]));

        fold.Fold([new(9, Call(Now, "00082")), new(15, Call(Now, "00082")), new(17, Call(Now, "00082"))], through: 17);

        fold.Snapshot(Now)[KpiWindow.Today][Counter.CallsOffered].Should().Be(1);
        fold.Cut.Should().Be(new FoldCut(17, []));
    }

    [Fact]
    public void AnEventOutsideTheCalendarIsSetAsideWithItsFieldAndReasonAndCountsNothing()
    {
        var fold = new UnitFold(CuaNam);
        var poison = Call(Now, "00082") with { At = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        var farDue = Received(Now, "00082") with { DueAt = DateTimeOffset.MaxValue };

        var failures = fold.Fold([new(1, poison), new(2, farDue), new(3, Call(Now, "00082"))], through: 3);

        failures!.Select(f => (f.Seq, f.Reason.Split(' ')[0])).Should().Equal((1L, "at"), (2L, "dueAt"));
        var snapshot = fold.Snapshot(Now);
        snapshot[KpiWindow.Today][Counter.CallsOffered].Should().Be(1);
        snapshot[KpiWindow.Today][Counter.DossiersReceived].Should().Be(0);
        snapshot.Gauges.OpenDossiers.Should().Be(0);
        fold.Cut.Through.Should().Be(3);
    }

    [Fact]
    public void DossiersAreCountedPerMinuteProcedureAndChannelWithLateCompletions()
    {
        var fold = new UnitFold(CuaNam);
        fold.Receive(Received(Now.AddDays(-2), "00082", dossierId: "A", channel: DossierChannel.Online));
        fold.Receive(Received(Now.AddDays(-2), "00082", dossierId: "B", channel: DossierChannel.Online));
        fold.Receive(Received(Now.AddDays(-2), "00082", dossierId: "C", channel: DossierChannel.Postal));
        fold.Receive(Completed(Now, "00082", "A", dueAt: Now.AddHours(1)));
        fold.Receive(Completed(Now, "00082", "B", dueAt: Now.AddHours(-1)));

        var procedures = fold.TakeChanges().Delta!.ProcedureTotals();

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
        var fold = new UnitFold(CuaNam);
        fold.Receive(Completed(Now, "00082", "never-received"));

        var procedures = fold.TakeChanges().Delta!.ProcedureTotals();

        procedures.Keys.Should().Equal(new ProcedureBucket(VietnamTime.MinuteKey(Now), ProcedureBucket.UnknownProcedure, null));
    }

    [Fact]
    public void OpenItemChangesNameWhatOpenedAndWhatClosedOnce()
    {
        var fold = new UnitFold(CuaNam);
        fold.Receive(Received(Now, "00082", dossierId: "A"));
        fold.Receive(Received(Now, "00082", dossierId: "B"));
        fold.Receive(Completed(Now, "00082", "B"));
        fold.Receive(TicketOpened(Now, "00082", "T1"));

        var first = fold.TakeChanges().Open;
        var second = fold.TakeChanges().Open;

        first!.Dossiers.Select(c => (c.Key, c.Value?.DossierId)).Should().Equal(("A", "A"), ("B", "B"), ("B", null));
        first.Tickets.Select(c => (c.Key, c.Value?.TicketId)).Should().Equal(("T1", "T1"));
        second.Should().BeNull();
    }

    [Fact]
    public void ARestoredUnitShowsItsWindowsAndOpenWorkButHandsNothingOver()
    {
        var fold = new UnitFold(CuaNam);
        var day = default(CounterSet);
        day[Counter.DossiersReceived] = 7;
        var minute = default(CounterSet);
        minute[Counter.DossiersReceived] = 2;
        var open = new OpenDossier("D1", "1.001234", DossierChannel.Online, Now.AddDays(-1), Now.AddHours(-1));

        fold.Restore(
            new RestoredState
            {
                Days = [(VietnamTime.DayKey(Now), day), (VietnamTime.DayKey(Now.AddDays(-1)), day)],
                Minutes = [(VietnamTime.MinuteKey(Now.AddMinutes(-3)), minute)],
                FiveMinutes = [(VietnamTime.MinuteKey(Now.AddMinutes(-3)) / 5, minute)],
                OpenDossiers = [open],
            },
            new FoldCut(42, []));
        var snapshot = fold.Snapshot(Now);
        var changes = fold.TakeChanges();

        KpiWindows.All.Select(w => snapshot[w][Counter.DossiersReceived]).Should().Equal(7, 2, 14, 14, 14);
        snapshot.Gauges.OverdueDossiers.Should().Be(1);
        fold.OpenDossiers.Should().Equal(open);
        fold.TodayByFiveMinutes(Now).Sum(p => p.Counters[Counter.DossiersReceived]).Should().Be(2);
        changes.Should().Be(new UnitChanges(CuaNam, null, null, new FoldCut(42, [])));
    }

    [Fact]
    public void ASnapshotHoldsEveryWindowAtItsTime()
    {
        var fold = new UnitFold(CuaNam);
        fold.Receive(Call(Local(2025, 6, 30, 9, 0), "00082"));
        fold.Receive(Call(Local(2025, 7, 1, 9, 0), "00082"));
        fold.Receive(Call(Now.AddMinutes(-90), "00082"));
        fold.Receive(Call(Now.AddMinutes(-10), "00082"));

        var snapshot = fold.Snapshot(Now);

        KpiWindows.All.Select(w => snapshot[w][Counter.CallsOffered]).Should().Equal(2, 1, 3, 4, 4);
    }

    [Fact]
    public void AChangedSnapshotComesAfterAnEventOrWhenTheMinuteTurnsAndOnlyWhenAFigureMoved()
    {
        var fold = new UnitFold(CuaNam);
        fold.Receive(Received(Now.AddDays(-1), "00082", dueAt: Now.AddSeconds(30)));
        var first = fold.ChangedSnapshot(Now);

        var sameMinute = fold.ChangedSnapshot(Now.AddSeconds(20));
        var nextMinuteOverdue = fold.ChangedSnapshot(Now.AddMinutes(1));
        var laterNothingMoved = fold.ChangedSnapshot(Now.AddMinutes(2));

        first!.Gauges.OverdueDossiers.Should().Be(0);
        sameMinute.Should().BeNull();
        nextMinuteOverdue!.Gauges.OverdueDossiers.Should().Be(1);
        laterNothingMoved.Should().BeNull();
    }

    [Fact]
    public void AReadDoesNotHoldBackTheNextPublication()
    {
        var fold = new UnitFold(CuaNam);
        fold.ChangedSnapshot(Now);
        fold.Receive(Call(Now, "00082"));

        var read = fold.Snapshot(Now);
        var published = fold.ChangedSnapshot(Now);

        read[KpiWindow.Today][Counter.CallsOffered].Should().Be(1);
        published![KpiWindow.Today][Counter.CallsOffered].Should().Be(1);
    }

    [Fact]
    public void ItsBucketsExportedAndMergedIntoAnotherGiveTheSameWindows()
    {
        var fold = new UnitFold(CuaNam);
        fold.Receive(Call(Local(2025, 5, 30, 9, 0), "00082"));
        fold.Receive(Call(Now.AddDays(-1), "00082"));
        fold.Receive(Call(Now.AddMinutes(-90), "00082"));
        fold.Receive(Call(Now.AddMinutes(-3), "00082"));
        var city = new CounterBuckets();

        city.Merge(fold.ExportBuckets());

        var snapshot = fold.Snapshot(Now);
        foreach (var window in KpiWindows.All)
        {
            city.Window(window, Now).SameAs(snapshot[window]).Should().BeTrue(window.ToWire());
        }

        city.TodayByFiveMinutes(Now).Select(p => p.Counters[Counter.CallsOffered])
            .Should().Equal(fold.TodayByFiveMinutes(Now).Select(p => p.Counters[Counter.CallsOffered]));
    }
}
