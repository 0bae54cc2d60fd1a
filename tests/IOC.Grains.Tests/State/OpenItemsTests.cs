using IOC.Domain.Kpis;
using IOC.Grains.State;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.State;

public sealed class OpenItemsTests
{
    private static readonly DateTimeOffset Now = Local(2025, 7, 2, 10, 0);

    [Fact]
    public void DossiersAreOverdueAfterTheirDueTimeAndDueSoonWithin24Hours()
    {
        var open = new OpenItems();
        open.Track(Received(Now.AddDays(-3), Ward, dossierId: "overdue", dueAt: Now.AddSeconds(-1)), countsForCity: true);
        open.Track(Received(Now.AddDays(-3), Ward, dossierId: "due-now", dueAt: Now), countsForCity: true);
        open.Track(Received(Now.AddDays(-3), Ward, dossierId: "due-in-24h", dueAt: Now.AddHours(24)), countsForCity: true);
        open.Track(Received(Now.AddDays(-3), Ward, dossierId: "due-later", dueAt: Now.AddHours(24).AddSeconds(1)), countsForCity: true);

        var (all, _) = open.Measure(Now);

        all.Should().Be(new Gauges(OpenDossiers: 4, OverdueDossiers: 1, DueSoonDossiers: 2, OpenTickets: 0, OverdueTickets: 0));
    }

    [Fact]
    public void ACompletedDossierIsNoLongerOpen()
    {
        var open = new OpenItems();
        open.Track(Received(Now.AddDays(-3), Ward, dossierId: "D1", dueAt: Now.AddHours(-1)), countsForCity: true);
        open.Track(Received(Now.AddDays(-3), Ward, dossierId: "D2", dueAt: Now.AddHours(-1)), countsForCity: true);

        open.Track(Completed(Now, Ward, "D1", Now.AddHours(-1)), countsForCity: true);

        open.Measure(Now).All.Should().Be(new Gauges(1, 1, 0, 0, 0));
        open.Dossiers.Select(d => d.DossierId).Should().Equal("D2");
    }

    [Fact]
    public void TicketsAreOverdueAfterTheirDueTimeUntilResolved()
    {
        var open = new OpenItems();
        open.Track(TicketOpened(Now.AddDays(-2), Ward, "T1", dueAt: Now.AddMinutes(-5)), countsForCity: true);
        open.Track(TicketOpened(Now.AddDays(-2), Ward, "T2", dueAt: Now.AddMinutes(5)), countsForCity: true);
        var before = open.Measure(Now).All;

        open.Track(TicketResolved(Now, Ward, "T1", Now.AddMinutes(-5)), countsForCity: true);

        before.Should().Be(new Gauges(0, 0, 0, OpenTickets: 2, OverdueTickets: 1));
        open.Measure(Now).All.Should().Be(new Gauges(0, 0, 0, OpenTickets: 1, OverdueTickets: 0));
        open.Measure(Now.AddMinutes(6)).All.Should().Be(new Gauges(0, 0, 0, OpenTickets: 1, OverdueTickets: 1));
    }

    [Fact]
    public void OnlyItemsThatCountForTheCityAreInTheCityGauges()
    {
        var open = new OpenItems();
        open.Track(Received(Now.AddDays(-3), null, "VPTU", dossierId: "own", dueAt: Now.AddHours(-1)), countsForCity: true);
        open.Track(Received(Now.AddDays(-3), Ward, "VPTU", dossierId: "ward's", dueAt: Now.AddHours(2)), countsForCity: false);
        open.Track(TicketOpened(Now.AddDays(-3), Ward, "T1", Now.AddHours(-2), "VPTU"), countsForCity: false);

        var (all, forCity) = open.Measure(Now);

        all.Should().Be(new Gauges(OpenDossiers: 2, OverdueDossiers: 1, DueSoonDossiers: 1, OpenTickets: 1, OverdueTickets: 1));
        forCity.Should().Be(new Gauges(OpenDossiers: 1, OverdueDossiers: 1, DueSoonDossiers: 0, OpenTickets: 0, OverdueTickets: 0));
    }

    [Fact]
    public void AReceiptRepeatedForTheSameDossierKeepsOneOpenItem()
    {
        var open = new OpenItems();
        open.Track(Received(Now.AddDays(-1), Ward, dossierId: "D1", dueAt: Now.AddHours(-1)), countsForCity: true);

        open.Track(Received(Now.AddDays(-1), Ward, dossierId: "D1", dueAt: Now.AddHours(5)), countsForCity: true);

        open.Measure(Now).All.Should().Be(new Gauges(1, 0, 1, 0, 0));
    }

    [Fact]
    public void AnOpenTicketKeepsWhenItWasOpenedAndWhenItIsDueUntilResolved()
    {
        var open = new OpenItems();
        open.Track(TicketOpened(Now.AddDays(-2), Ward, "T1", dueAt: Now.AddDays(1)), countsForCity: false);
        open.Track(TicketOpened(Now.AddDays(-1), Ward, "T2", dueAt: Now.AddDays(3)), countsForCity: true);

        open.Track(TicketResolved(Now, Ward, "T2", Now.AddDays(3)), countsForCity: true);

        open.Tickets.Should().Equal(new OpenTicket("T1", OpenedAt: Now.AddDays(-2), DueAt: Now.AddDays(1), CountsForCity: false));
    }
}
