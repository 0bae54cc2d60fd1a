using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Grains.Fold;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.Fold;

public sealed class CounterBucketsTests
{
    [Fact]
    public void TodayRollsOverAtVietnamLocalMidnight()
    {
        var buckets = new CounterBuckets();
        buckets.Fold(Received(Local(2025, 7, 1, 23, 59), Ward));
        buckets.Fold(Received(Local(2025, 7, 2, 0, 0), Ward));
        buckets.Fold(Received(DateTimeOffset.Parse("2025-07-01T17:00:00Z"), Ward));

        var lateOnJulyFirst = ReceivedIn(buckets, KpiWindow.Today, Local(2025, 7, 1, 23, 59, 59));
        var earlyOnJulySecond = ReceivedIn(buckets, KpiWindow.Today, Local(2025, 7, 2, 0, 0, 0));
        var inUtcItIsStillJulyFirst = ReceivedIn(buckets, KpiWindow.Today, DateTimeOffset.Parse("2025-07-01T18:00:00Z"));

        lateOnJulyFirst.Should().Be(1, "only the 23:59 event is on 1 July in Hanoi");
        earlyOnJulySecond.Should().Be(2, "00:00+07:00 and 17:00Z are both the start of 2 July in Hanoi");
        inUtcItIsStillJulyFirst.Should().Be(2);
    }

    [Fact]
    public void TheLastSixtyMinutesRollMinuteByMinute()
    {
        var now = Local(2025, 7, 2, 10, 0, 30);
        var buckets = new CounterBuckets();
        buckets.Fold(Received(now.AddMinutes(-61), Ward));
        buckets.Fold(Received(now.AddMinutes(-59), Ward));
        buckets.Fold(Received(now.AddMinutes(-30), Ward));
        buckets.Fold(Received(now, Ward));

        var atTen = ReceivedIn(buckets, KpiWindow.Last60Minutes, now);
        var aMinuteLater = ReceivedIn(buckets, KpiWindow.Last60Minutes, now.AddMinutes(1));
        var anHourLater = ReceivedIn(buckets, KpiWindow.Last60Minutes, now.AddMinutes(60));

        atTen.Should().Be(3, "the event 61 minutes ago has dropped out");
        aMinuteLater.Should().Be(2, "the event 59 minutes ago is now 60 minutes old");
        anHourLater.Should().Be(0);
    }

    [Fact]
    public void MonthToDateAndYearToDateSumAcrossDaysMonthsAndTheLocalNewYear()
    {
        var buckets = new CounterBuckets();
        buckets.Fold(Received(Local(2024, 12, 31, 23, 0), Ward));
        buckets.Fold(Received(DateTimeOffset.Parse("2024-12-31T17:30:00Z"), Ward));
        buckets.Fold(Received(Local(2025, 1, 15, 9, 0), Ward));
        buckets.Fold(Received(Local(2025, 6, 30, 23, 30), Ward));
        buckets.Fold(Received(DateTimeOffset.Parse("2025-06-30T17:30:00Z"), Ward));
        buckets.Fold(Received(Local(2025, 7, 1, 0, 10), Ward));
        buckets.Fold(Received(Local(2025, 7, 2, 8, 0), Ward));
        var now = Local(2025, 7, 2, 12, 0);

        var monthToDate = ReceivedIn(buckets, KpiWindow.MonthToDate, now);
        var yearToDate = ReceivedIn(buckets, KpiWindow.YearToDate, now);
        var juneToDate = ReceivedIn(buckets, KpiWindow.MonthToDate, Local(2025, 6, 30, 23, 45));

        monthToDate.Should().Be(3, "17:30Z on 30 June is 00:30 on 1 July in Hanoi");
        yearToDate.Should().Be(6, "17:30Z on 31 December 2024 is already 2025 in Hanoi; 23:00 local on that day is not");
        juneToDate.Should().Be(1);
    }

    [Fact]
    public void AnEventOlderThanTheMinuteRingStillCountsInTodayMonthAndYear()
    {
        var buckets = new CounterBuckets();
        buckets.Fold(Received(Local(2025, 7, 2, 10, 0), Ward));
        buckets.Fold(Received(Local(2025, 7, 2, 6, 0), Ward));
        var now = Local(2025, 7, 2, 10, 0, 30);

        var counts = KpiWindows.All.Select(w => ReceivedIn(buckets, w, now));

        counts.Should().Equal(2, 1, 2, 2, 2);
    }

    [Fact]
    public void ARingSlotNeverReturnsTheBucketItHeldBeforeWrappingAround()
    {
        // 10:00 and 12:00 share a slot of the 120-minute ring.
        var buckets = new CounterBuckets();
        buckets.Fold(Received(Local(2025, 7, 2, 10, 0), Ward));
        buckets.Fold(Received(Local(2025, 7, 2, 10, 0), Ward));
        var twoHoursLaterWithoutEvents = ReceivedIn(buckets, KpiWindow.Last60Minutes, Local(2025, 7, 2, 12, 0));

        buckets.Fold(Received(Local(2025, 7, 2, 12, 0), Ward));

        twoHoursLaterWithoutEvents.Should().Be(0);
        ReceivedIn(buckets, KpiWindow.Last60Minutes, Local(2025, 7, 2, 12, 0)).Should().Be(1);
        ReceivedIn(buckets, KpiWindow.Last60Minutes, Local(2025, 7, 2, 10, 0)).Should().Be(0, "the 10:00 slot now holds 12:00");
        ReceivedIn(buckets, KpiWindow.Today, Local(2025, 7, 2, 12, 0)).Should().Be(3);
    }

    [Fact]
    public void ALateEventForAMinuteStillInTheRingIsCountedInTheRollingHour()
    {
        var buckets = new CounterBuckets();
        buckets.Fold(Received(Local(2025, 7, 2, 10, 0), Ward));
        buckets.Fold(Received(Local(2025, 7, 2, 9, 30), Ward));

        var rollingHour = ReceivedIn(buckets, KpiWindow.Last60Minutes, Local(2025, 7, 2, 10, 0));

        rollingHour.Should().Be(2);
    }

    [Fact]
    public void AddMergesAnotherGrainsMinuteIntoEveryWindow()
    {
        var delta = default(CounterSet);
        EventFolder.Fold(Received(Local(2025, 7, 2, 9, 59), Ward), ref delta);
        EventFolder.Fold(Call(Local(2025, 7, 2, 9, 59), Ward), ref delta);
        var buckets = new CounterBuckets();

        buckets.Add(VietnamTime.MinuteKey(Local(2025, 7, 2, 9, 59)), delta);
        buckets.Add(VietnamTime.MinuteKey(Local(2025, 7, 2, 9, 59)), delta);

        var now = Local(2025, 7, 2, 10, 0);
        foreach (var window in KpiWindows.All)
        {
            var counters = buckets.Window(window, now);
            counters[Counter.DossiersReceived].Should().Be(2, window.ToWire());
            counters[Counter.CallsAnswered].Should().Be(2, window.ToWire());
        }
    }

    [Fact]
    public void TodayByFiveMinutesStartsAtLocalMidnightAndGroupsByFiveMinutes()
    {
        var buckets = new CounterBuckets();
        buckets.Fold(Received(Local(2025, 7, 1, 23, 58), Ward));
        buckets.Fold(Received(Local(2025, 7, 2, 0, 2), Ward));
        buckets.Fold(Received(Local(2025, 7, 2, 0, 4, 59), Ward));
        buckets.Fold(Received(Local(2025, 7, 2, 0, 5), Ward));

        var series = buckets.TodayByFiveMinutes(Local(2025, 7, 2, 0, 12));

        series.Select(s => s.Start).Should().Equal(Local(2025, 7, 2, 0, 0), Local(2025, 7, 2, 0, 5), Local(2025, 7, 2, 0, 10));
        series.Select(s => s.Counters[Counter.DossiersReceived]).Should().Equal(2, 1, 0);
    }

    [Fact]
    public void EachEventIsFoldedOnceIntoEachWindow()
    {
        var buckets = new CounterBuckets();
        buckets.Fold(Document(Local(2025, 7, 2, 9, 0), "VPTU", signedDigitally: false));

        var today = buckets.Window(KpiWindow.Today, Local(2025, 7, 2, 9, 30));

        today[Counter.DocumentsProcessed].Should().Be(1);
        today[Counter.DocumentsDigital].Should().Be(1);
        today[Counter.DocumentsSignedDigitally].Should().Be(0);
    }

    private static long ReceivedIn(CounterBuckets buckets, KpiWindow window, DateTimeOffset now) =>
        buckets.Window(window, now)[Counter.DossiersReceived];
}
