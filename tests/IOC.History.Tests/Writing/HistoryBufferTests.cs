using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.History.Model;
using IOC.History.Store;
using IOC.History.Writing;
using IOC.Tests.Shared;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.History.Tests.Writing;

public sealed class HistoryBufferTests : IDisposable
{
    private static readonly DateTimeOffset Now = Local(2025, 7, 2, 10, 0);
    private static readonly Retention Retention = new(TimeSpan.FromHours(48), TimeSpan.FromDays(90));
    private static readonly int Calls = (int)Counter.CallsReceived;

    private readonly TempFolder _folder = new("ioc-buffer-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ATicksCallsAddUpInTheirMinutesTheirHourAndTheirDay()
    {
        using var buffer = Open();

        buffer.Save(Changes.Of(3, Call(Now), Call(Now), Call(Now.AddMinutes(1))), Now);

        var rows = Rows(buffer, Measurement.Counters);
        rows.Should().BeEquivalentTo(new[]
        {
            (Resolution.Minute, Now, 2L),
            (Resolution.Minute, Now.AddMinutes(1), 1L),
            (Resolution.Hour, Now, 3L),
            (Resolution.Day, Local(2025, 7, 2, 0, 0), 3L),
        });
        buffer.Pending.Should().Be(4);
    }

    [Fact]
    public void DossiersPerProcedureRollUpToHoursAndDaysOnly()
    {
        using var buffer = Open();

        buffer.Save(Changes.Of(2, Received(Now, channel: DossierChannel.Online), Received(Now.AddMinutes(5), channel: DossierChannel.Online)), Now);

        var procedures = buffer.PeekPending().Where(i => i.Row.Key.Measurement == Measurement.Procedures).ToList();
        procedures.Select(i => (i.Row.Key.Resolution, i.Row.Key.Series.Procedure, i.Row.Key.Series.Channel, i.Values[0])).Should().BeEquivalentTo(new[]
        {
            (Resolution.Hour, "1.001234", "online", 2L),
            (Resolution.Day, "1.001234", "online", 2L),
        });
    }

    [Fact]
    public void ASecondTickInTheSameBucketGrowsTheSamePoint()
    {
        using var buffer = Open();
        buffer.Save(Changes.Of(1, Call(Now)), Now);
        var first = buffer.PeekPending().Single(i => i.Row.Key.Resolution == Resolution.Hour);

        buffer.Save(Changes.Of(2, Call(Now.AddMinutes(2))), Now);

        var second = buffer.PeekPending().Single(i => i.Row.Key.Resolution == Resolution.Hour);
        second.Row.PointId.Should().Be(first.Row.PointId);
        (first.Values[Calls], second.Values[Calls]).Should().Be((1L, 2L));
        second.Version.Should().Be(2);
    }

    [Fact]
    public void RowsTheCheckpointAndOpenItemsSurviveReopening()
    {
        using (var buffer = Open())
        {
            buffer.Save(Changes.Of(5, Received(Now, dossierId: "D1"), Received(Now, dossierId: "D2"), TicketOpened(Now, ticketId: "T1")), Now);
            buffer.Save(Changes.Of(7, Completed(Now, dossierId: "D2")), Now);
        }

        using var reopened = Open();

        reopened.CheckpointOf(Changes.Agency).ToString().Should().Be("7");
        reopened.CheckpointOf(new UnitKey(UnitLevel.Agency, "TTPVHCC")).Should().Be(FoldCut.None);
        reopened.Pending.Should().Be(Rows(reopened).Count).And.BeGreaterThan(0);
        var (dossiers, tickets) = reopened.LoadOpenItems(Changes.Agency);
        dossiers.Select(d => d.DossierId).Should().Equal("D1");
        dossiers[0].ReceivedAt.Should().Be(Now);
        tickets.Select(t => t.TicketId).Should().Equal("T1");
    }

    [Fact]
    public void AWrittenRowStaysWhileItsBucketIsOpenAndALateEventAfterwardsStartsANewPoint()
    {
        using var buffer = Open();
        buffer.Save(Changes.Of(1, Call(Now)), Now);
        var written = buffer.PeekPending();
        buffer.MarkShipped(written);

        var keptWhileOpen = buffer.Prune(Now.AddMinutes(2));
        var droppedAfter = buffer.Prune(Now.AddMinutes(4));
        buffer.Save(Changes.Of(2, Call(Now)), Now.AddMinutes(4));

        keptWhileOpen.Should().Be(0);
        droppedAfter.Should().Be(1, "the minute closed at 10:01 plus two minutes' grace; the hour and day are still open");
        var late = buffer.PeekPending();
        late.Should().HaveCount(3);
        late.Single(i => i.Row.Key.Resolution == Resolution.Minute).Row.PointId
            .Should().NotBe(written.Single(i => i.Row.Key.Resolution == Resolution.Minute).Row.PointId);
        late.Single(i => i.Row.Key.Resolution == Resolution.Hour).Values[Calls].Should().Be(2, "the hour's row was still there");
    }

    [Fact]
    public void BeyondTheBoundNewMinutePointsAreDroppedButHoursAndDaysKeepCounting()
    {
        using var buffer = Open(maxMinuteRows: 1);

        buffer.Save(Changes.Of(2, Call(Now), Call(Now.AddMinutes(1))), Now);

        buffer.DroppedMinutePoints.Should().Be(1);
        Rows(buffer, Measurement.Counters).Should().BeEquivalentTo(new[]
        {
            (Resolution.Minute, Now, 1L),
            (Resolution.Hour, Now, 2L),
            (Resolution.Day, Local(2025, 7, 2, 0, 0), 2L),
        });
    }

    [Fact]
    public void PointsOlderThanTheirRetentionAreNotBuffered()
    {
        using var buffer = Open();

        buffer.Save(Changes.Of(2, Call(Now.AddDays(-3)), Call(Now.AddDays(-100))), Now);

        Rows(buffer, Measurement.Counters).Select(r => r.Resolution).Should().BeEquivalentTo([Resolution.Hour, Resolution.Day, Resolution.Day]);
        buffer.ExpiredPoints.Should().Be(3, "two minutes and one hour");
    }

    [Fact]
    public void AWriteTakesRowsOfOneResolutionAndNeverARowAlreadyBeingWritten()
    {
        using var buffer = Open();
        buffer.Save(Changes.Of(1, Call(Now), Call(Now.AddMinutes(1)), Call(Now.AddMinutes(2))), Now);

        var first = buffer.TakePending(100);
        var second = buffer.TakePending(100);
        var third = buffer.TakePending(100);
        var none = buffer.TakePending(100);
        buffer.Release(second);
        var again = buffer.TakePending(100);

        first.Select(i => i.Row.Key.Resolution).Should().AllBeEquivalentTo(Resolution.Minute).And.HaveCount(3);
        second.Concat(third).Select(i => i.Row.Key.Resolution).Should().BeEquivalentTo([Resolution.Hour, Resolution.Day]);
        none.Should().BeEmpty();
        again.Should().BeEquivalentTo(second);
    }

    [Fact]
    public void ARowThatGrewWhileBeingWrittenStaysPendingForItsNewSum()
    {
        using var buffer = Open();
        buffer.Save(Changes.Of(1, Call(Now)), Now);
        var inFlight = buffer.TakePending(100);

        buffer.Save(Changes.Of(2, Call(Now)), Now);
        var whileWriting = buffer.TakePending(100).Where(i => i.Row.Key.Resolution == Resolution.Minute).ToList();
        buffer.MarkShipped(inFlight);
        var afterwards = buffer.TakePending(100);

        whileWriting.Should().BeEmpty("the minute's point is being written");
        afterwards.Should().ContainSingle().Which.Values[Calls].Should().Be(2);
        afterwards[0].Row.PointId.Should().Be(inFlight[0].Row.PointId);
        buffer.Pending.Should().Be(3, "the minute, and the hour and day that also grew");
    }

    [Fact]
    public void ChangesWithNothingNewStillMoveTheUnitsCheckpoint()
    {
        using var buffer = Open();

        buffer.Save([new UnitChanges(Changes.Agency, null, null, new FoldCut(9, []))], Now);

        buffer.CheckpointOf(Changes.Agency).Through.Should().Be(9);
        buffer.Rows.Should().Be(0);
    }

    private HistoryBuffer Open(int maxMinuteRows = 1000) => new(_folder.File("history-buffer.db"), Retention, maxMinuteRows);

    private static List<(Resolution Resolution, DateTimeOffset Bucket, long Calls)> Rows(HistoryBuffer buffer, Measurement? measurement = null, UnitKey? unit = null) =>
        buffer.PeekPending()
            .Where(i => measurement is null || i.Row.Key.Measurement == measurement)
            .Where(i => unit is null || i.Row.Key.Series.Unit == unit)
            .Select(i => (i.Row.Key.Resolution, DateTimeOffset.FromUnixTimeMilliseconds(i.Row.Key.BucketMs).ToOffset(TimeSpan.FromHours(7)), i.Row.Key.Measurement == Measurement.Counters ? i.Values[Calls] : i.Values[0]))
            .ToList();
}
