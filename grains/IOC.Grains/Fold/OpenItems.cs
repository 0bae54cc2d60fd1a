using IOC.Domain.Events;
using IOC.Domain.Kpis;
using Orleans;

namespace IOC.Grains.Fold;

/// <summary>A dossier received and not yet completed.</summary>
[GenerateSerializer, Immutable, Alias("ioc.OpenDossier")]
public sealed record OpenDossier(
    [property: Id(0)] string DossierId,
    [property: Id(1)] string Procedure,
    [property: Id(2)] DossierChannel Channel,
    [property: Id(3)] DateTimeOffset ReceivedAt,
    [property: Id(4)] DateTimeOffset DueAt);

/// <summary>A feedback ticket opened and not yet resolved.</summary>
[GenerateSerializer, Immutable, Alias("ioc.OpenTicket")]
public sealed record OpenTicket(
    [property: Id(0)] string TicketId,
    [property: Id(1)] DateTimeOffset OpenedAt,
    [property: Id(2)] DateTimeOffset DueAt);

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

    /// <summary>The open-dossier table's capacity (what it holds memory for).</summary>
    public int DossierCapacity => _dossiers.EnsureCapacity(0);

    /// <summary>Openings and closings not handed over yet.</summary>
    public int PendingChanges => _dossierChanges.Count + _ticketChanges.Count;

    /// <summary>Opens or closes an item. Returns the dossier a completion closes, when it was open here.</summary>
    public OpenDossier? Track(IocEvent e)
    {
        switch (e)
        {
            case DossierReceived r:
                var dossier = new OpenDossier(r.DossierId, r.Procedure, r.Channel, r.At, r.DueAt);
                _dossiers[r.DossierId] = dossier;
                _dossierChanges.Add(new(r.DossierId, dossier));
                return null;
            case DossierCompleted d:
                _dossiers.Remove(d.DossierId, out var closed);
                _dossierChanges.Add(new(d.DossierId, null));
                return closed;
            case TicketOpened t:
                var ticket = new OpenTicket(t.TicketId, t.At, t.DueAt);
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

    /// <summary>The gauges of the open items at <paramref name="now"/>.</summary>
    public Gauges Measure(DateTimeOffset now)
    {
        long overdue = 0, dueSoon = 0, overdueTickets = 0;
        var soon = now + Gauges.DueSoonSpan;
        foreach (var d in _dossiers.Values)
        {
            var isOverdue = d.DueAt < now;
            overdue += isOverdue ? 1 : 0;
            dueSoon += !isOverdue && d.DueAt <= soon ? 1 : 0;
        }

        foreach (var t in _tickets.Values)
        {
            overdueTickets += t.DueAt < now ? 1 : 0;
        }

        TrimWhenMostlyEmpty();
        return new Gauges(_dossiers.Count, overdue, dueSoon, _tickets.Count, overdueTickets);
    }

    /// <summary>
    /// A dictionary keeps the capacity of its largest moment: after a backlog of many thousand open dossiers is cleared,
    /// give the memory back, so a unit's memory follows what is open now (checked at each snapshot, cheap).
    /// </summary>
    private void TrimWhenMostlyEmpty()
    {
        if (_dossiers.Count < _dossiers.EnsureCapacity(0) / 4 && _dossiers.EnsureCapacity(0) > 1024)
        {
            _dossiers.TrimExcess();
        }

        if (_tickets.Count < _tickets.EnsureCapacity(0) / 4 && _tickets.EnsureCapacity(0) > 1024)
        {
            _tickets.TrimExcess();
        }
    }
}
