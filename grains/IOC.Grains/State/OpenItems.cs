using IOC.Domain.Events;
using IOC.Domain.Kpis;

namespace IOC.Grains.State;

/// <summary>A dossier received and not yet completed.</summary>
public sealed record OpenDossier(string DossierId, string Procedure, DossierChannel Channel, DateTimeOffset ReceivedAt, DateTimeOffset DueAt, bool CountsForCity);

/// <summary>A feedback ticket opened and not yet resolved.</summary>
public sealed record OpenTicket(string TicketId, DateTimeOffset OpenedAt, DateTimeOffset DueAt, bool CountsForCity);

/// <summary>Open items that opened (the item) or closed (null) since the last collect, by id, in order (the last one for an id wins).</summary>
public sealed record OpenItemChanges(IReadOnlyList<KeyValuePair<string, OpenDossier?>> Dossiers, IReadOnlyList<KeyValuePair<string, OpenTicket?>> Tickets);

/// <summary>
/// Open dossiers and feedback tickets of one unit: the source of the "right now" gauges
/// (overdue pending, due soon, open overdue tickets).
/// </summary>
public sealed class OpenItems
{
    private readonly Dictionary<string, OpenDossier> _dossiers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OpenTicket> _tickets = new(StringComparer.Ordinal);
    private List<KeyValuePair<string, OpenDossier?>> _dossierChanges = [];
    private List<KeyValuePair<string, OpenTicket?>> _ticketChanges = [];

    public IReadOnlyCollection<OpenDossier> Dossiers => _dossiers.Values;

    public IReadOnlyCollection<OpenTicket> Tickets => _tickets.Values;

    /// <summary>Opens or closes an item. Returns the dossier a completion closes, when it was open here.</summary>
    public OpenDossier? Track(IocEvent e, bool countsForCity)
    {
        switch (e)
        {
            case DossierReceived r:
                var dossier = new OpenDossier(r.DossierId, r.Procedure, r.Channel, r.At, r.DueAt, countsForCity);
                _dossiers[r.DossierId] = dossier;
                _dossierChanges.Add(new(r.DossierId, dossier));
                return null;
            case DossierCompleted d:
                _dossiers.Remove(d.DossierId, out var closed);
                _dossierChanges.Add(new(d.DossierId, null));
                return closed;
            case TicketOpened t:
                var ticket = new OpenTicket(t.TicketId, t.At, t.DueAt, countsForCity);
                _tickets[t.TicketId] = ticket;
                _ticketChanges.Add(new(t.TicketId, ticket));
                return null;
            case TicketResolved t:
                _tickets.Remove(t.TicketId);
                _ticketChanges.Add(new(t.TicketId, null));
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// What opened (the item) or closed (null) since the last call, in order, so the open work can be saved with the
    /// history checkpoint and outlive a restart. Null when nothing changed.
    /// </summary>
    public OpenItemChanges? TakeChanges()
    {
        if (_dossierChanges.Count == 0 && _ticketChanges.Count == 0)
        {
            return null;
        }

        var changes = new OpenItemChanges(_dossierChanges, _ticketChanges);
        _dossierChanges = [];
        _ticketChanges = [];
        return changes;
    }

    /// <summary>Puts back open work saved before a restart (not a change: it is saved already).</summary>
    public void Restore(IEnumerable<OpenDossier> dossiers, IEnumerable<OpenTicket> tickets)
    {
        foreach (var d in dossiers)
        {
            _dossiers[d.DossierId] = d;
        }

        foreach (var t in tickets)
        {
            _tickets[t.TicketId] = t;
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
