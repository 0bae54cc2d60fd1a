using IOC.Domain.Events;
using IOC.Domain.Kpis;

namespace IOC.Grains.State;

/// <summary>A dossier received and not yet completed.</summary>
public sealed record OpenDossier(string DossierId, string Procedure, DossierChannel Channel, DateTimeOffset ReceivedAt, DateTimeOffset DueAt, bool CountsForCity);

/// <summary>A feedback ticket opened and not yet resolved.</summary>
public sealed record OpenTicket(string TicketId, DateTimeOffset OpenedAt, DateTimeOffset DueAt, bool CountsForCity);

/// <summary>
/// Open dossiers and feedback tickets of one unit: the source of the "right now" gauges
/// (overdue pending, due soon, open overdue tickets).
/// </summary>
public sealed class OpenItems
{
    private readonly Dictionary<string, OpenDossier> _dossiers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OpenTicket> _tickets = new(StringComparer.Ordinal);

    public IReadOnlyCollection<OpenDossier> Dossiers => _dossiers.Values;

    public IReadOnlyCollection<OpenTicket> Tickets => _tickets.Values;

    public void Track(IocEvent e, bool countsForCity)
    {
        switch (e)
        {
            case DossierReceived r:
                _dossiers[r.DossierId] = new OpenDossier(r.DossierId, r.Procedure, r.Channel, r.At, r.DueAt, countsForCity);
                break;
            case DossierCompleted d:
                _dossiers.Remove(d.DossierId);
                break;
            case TicketOpened t:
                _tickets[t.TicketId] = new OpenTicket(t.TicketId, t.At, t.DueAt, countsForCity);
                break;
            case TicketResolved t:
                _tickets.Remove(t.TicketId);
                break;
        }
    }

    /// <summary>Gauges of all open items, and of those the city counts through this unit.</summary>
    public (Gauges All, Gauges ForCity) Measure(DateTimeOffset now)
    {
        long open = 0, overdue = 0, dueSoon = 0, cityOpen = 0, cityOverdue = 0, cityDueSoon = 0;
        var soon = now + Gauges.DueSoonSpan;
        foreach (var d in _dossiers.Values)
        {
            var isOverdue = d.DueAt < now;
            var isDueSoon = !isOverdue && d.DueAt <= soon;
            open++;
            overdue += isOverdue ? 1 : 0;
            dueSoon += isDueSoon ? 1 : 0;
            if (d.CountsForCity)
            {
                cityOpen++;
                cityOverdue += isOverdue ? 1 : 0;
                cityDueSoon += isDueSoon ? 1 : 0;
            }
        }

        long tickets = 0, overdueTickets = 0, cityTickets = 0, cityOverdueTickets = 0;
        foreach (var t in _tickets.Values)
        {
            var isOverdue = t.DueAt < now;
            tickets++;
            overdueTickets += isOverdue ? 1 : 0;
            if (t.CountsForCity)
            {
                cityTickets++;
                cityOverdueTickets += isOverdue ? 1 : 0;
            }
        }

        return (new Gauges(open, overdue, dueSoon, tickets, overdueTickets),
                new Gauges(cityOpen, cityOverdue, cityDueSoon, cityTickets, cityOverdueTickets));
    }
}
