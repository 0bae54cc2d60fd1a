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
}
