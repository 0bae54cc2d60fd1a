using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Grains.Fold;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.Fold;

public sealed class OpenItemsTests
{
    private static readonly DateTimeOffset Now = Local(2025, 7, 2, 10, 0);

    [Fact]
    public void DossiersAreOverdueAfterTheirDueTimeAndDueSoonWithin24Hours()
    {
        var open = new OpenItems();
        open.Track(Received(Now.AddDays(-3), Ward, dossierId: "overdue", dueAt: Now.AddSeconds(-1)));
        open.Track(Received(Now.AddDays(-3), Ward, dossierId: "due-now", dueAt: Now));
        open.Track(Received(Now.AddDays(-3), Ward, dossierId: "due-in-24h", dueAt: Now.AddHours(24)));
        open.Track(Received(Now.AddDays(-3), Ward, dossierId: "due-later", dueAt: Now.AddHours(24).AddSeconds(1)));

        var all = open.Measure(Now);

        all.Should().Be(new Gauges(OpenDossiers: 4, OverdueDossiers: 1, DueSoonDossiers: 2, OpenTickets: 0, OverdueTickets: 0));
    }

    [Fact]
    public void ACompletedDossierIsNoLongerOpen()
    {
        var open = new OpenItems();
        open.Track(Received(Now.AddDays(-3), Ward, dossierId: "D1", dueAt: Now.AddHours(-1)));
        open.Track(Received(Now.AddDays(-3), Ward, dossierId: "D2", dueAt: Now.AddHours(-1)));

        open.Track(Completed(Now, Ward, "D1", Now.AddHours(-1)));

        open.Measure(Now).Should().Be(new Gauges(1, 1, 0, 0, 0));
        open.Dossiers.Select(d => d.DossierId).Should().Equal("D2");
    }

    [Fact]
    public void TicketsAreOverdueAfterTheirDueTimeUntilResolved()
    {
        var open = new OpenItems();
        open.Track(TicketOpened(Now.AddDays(-2), Ward, "T1", dueAt: Now.AddMinutes(-5)));
        open.Track(TicketOpened(Now.AddDays(-2), Ward, "T2", dueAt: Now.AddMinutes(5)));
        var before = open.Measure(Now);

        open.Track(TicketResolved(Now, Ward, "T1", Now.AddMinutes(-5)));

        before.Should().Be(new Gauges(0, 0, 0, OpenTickets: 2, OverdueTickets: 1));
        open.Measure(Now).Should().Be(new Gauges(0, 0, 0, OpenTickets: 1, OverdueTickets: 0));
        open.Measure(Now.AddMinutes(6)).Should().Be(new Gauges(0, 0, 0, OpenTickets: 1, OverdueTickets: 1));
    }

    [Fact]
    public void AClearedBacklogGivesItsMemoryBack()
    {
        var open = new OpenItems();
        for (var i = 0; i < 20_000; i++)
        {
            open.Track(Received(Now.AddDays(-1), Ward, dossierId: $"D{i}"));
        }

        for (var i = 0; i < 19_990; i++)
        {
            open.Track(Completed(Now, Ward, $"D{i}"));
        }

        open.Measure(Now);

        open.Dossiers.Should().HaveCount(10);
        open.DossierCapacity.Should().BeLessThan(1_000);
    }

    [Fact]
    public void AReceiptRepeatedForTheSameDossierKeepsOneOpenItem()
    {
        var open = new OpenItems();
        open.Track(Received(Now.AddDays(-1), Ward, dossierId: "D1", dueAt: Now.AddHours(-1)));

        open.Track(Received(Now.AddDays(-1), Ward, dossierId: "D1", dueAt: Now.AddHours(5)));

        open.Measure(Now).Should().Be(new Gauges(1, 0, 1, 0, 0));
    }

    [Fact]
    public void AnOpenTicketKeepsWhenItWasOpenedAndWhenItIsDueUntilResolved()
    {
        var open = new OpenItems();
        open.Track(TicketOpened(Now.AddDays(-2), Ward, "T1", dueAt: Now.AddDays(1)));
        open.Track(TicketOpened(Now.AddDays(-1), Ward, "T2", dueAt: Now.AddDays(3)));

        open.Track(TicketResolved(Now, Ward, "T2", Now.AddDays(3)));

        open.Tickets.Should().Equal(new OpenTicket("T1", OpenedAt: Now.AddDays(-2), DueAt: Now.AddDays(1)));
    }

    [Fact]
    public void OpenWorkReadBackKeepsEveryFieldAndTheOffsetOfEachInstant()
    {
        var open = new OpenItems();
        var receivedAt = new DateTimeOffset(2025, 7, 1, 8, 30, 15, TimeSpan.FromHours(7)).AddTicks(1234);
        var dueAt = new DateTimeOffset(2025, 7, 4, 1, 30, 0, TimeSpan.Zero);
        open.Track(Received(receivedAt, Ward, dossierId: "D1", dueAt: dueAt, channel: DossierChannel.Postal));
        var openedAt = new DateTimeOffset(2025, 7, 1, 9, 0, 0, TimeSpan.FromMinutes(-150));
        open.Track(TicketOpened(openedAt, Ward, "T1", dueAt: dueAt));

        var dossier = open.Dossiers.Should().ContainSingle().Subject;
        dossier.Should().Be(new OpenDossier("D1", "1.001234", DossierChannel.Postal, receivedAt, dueAt));
        (dossier.ReceivedAt.Offset, dossier.ReceivedAt.Ticks).Should().Be((receivedAt.Offset, receivedAt.Ticks));
        (dossier.DueAt.Offset, dossier.DueAt.Ticks).Should().Be((TimeSpan.Zero, dueAt.Ticks));
        var ticket = open.Tickets.Should().ContainSingle().Subject;
        (ticket.OpenedAt.Offset, ticket.OpenedAt.Ticks).Should().Be((openedAt.Offset, openedAt.Ticks));
        var changes = open.TakeChanges()!;
        changes.Dossiers.Select(c => (c.Key, c.Value)).Should().Equal(("D1", dossier));
        changes.Dossiers[0].Value!.ReceivedAt.Offset.Should().Be(receivedAt.Offset);
        changes.Tickets.Select(c => (c.Key, c.Value)).Should().Equal(("T1", ticket));
    }

    [Fact]
    public void OpenDossiersOfOneProcedureHoldOneCopyOfItsCode()
    {
        var open = new OpenItems(new ProcedurePool(capacity: 10));
        open.Track(Received(Now, Ward, dossierId: "D1") with { Procedure = new string("2.000815".AsSpan()) });
        open.Track(Received(Now, Ward, dossierId: "D2") with { Procedure = new string("2.000815".AsSpan()) });

        var codes = open.Dossiers.Select(d => d.Procedure).ToList();

        codes.Should().Equal("2.000815", "2.000815");
        codes[1].Should().BeSameAs(codes[0]);
    }

    [Fact]
    public void ACompletionClosesItsDossierWithTheProcedureAndChannelOfItsReceipt()
    {
        var open = new OpenItems();
        open.Track(Received(Now, Ward, dossierId: "D1", channel: DossierChannel.Online));

        open.Track(Completed(Now, Ward, "D1")).Should().Be(new ClosedDossier("1.001234", DossierChannel.Online));
        open.Track(Completed(Now, Ward, "D1")).Should().BeNull();
        open.TakeChanges()!.Dossiers.Select(c => (c.Key, c.Value is null)).Should().Equal(("D1", false), ("D1", true), ("D1", true));
    }
}
