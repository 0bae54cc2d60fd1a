using System.Runtime.InteropServices;
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

    // The gauges as of _measuredAt, kept up to date as items open and close, and valid for any instant before
    // _nextChange (the first instant at which an open item becomes due soon or overdue): a grain measures them on every
    // tick, and scanning every open item each time cost more than folding the events (docs/benchmarks.md).
    private bool _measured;
    private DateTimeOffset _measuredAt;
    private DateTimeOffset _nextChange;
    private long _overdue;
    private long _dueSoon;
    private long _overdueTickets;

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
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_dossiers, r.DossierId, out var reopened);
                if (reopened)
                {
                    CountDossier(slot!.DueAt, -1);
                }

                slot = dossier;
                CountDossier(dossier.DueAt, +1);
                _dossierChanges.Add(new(r.DossierId, dossier));
                return null;
            case DossierCompleted d:
                if (_dossiers.Remove(d.DossierId, out var closed))
                {
                    CountDossier(closed.DueAt, -1);
                }

                _dossierChanges.Add(new(d.DossierId, null));
                return closed;
            case TicketOpened t:
                var ticket = new OpenTicket(t.TicketId, t.At, t.DueAt);
                ref var ticketSlot = ref CollectionsMarshal.GetValueRefOrAddDefault(_tickets, t.TicketId, out var reopenedTicket);
                if (reopenedTicket)
                {
                    CountTicket(ticketSlot!.DueAt, -1);
                }

                ticketSlot = ticket;
                CountTicket(ticket.DueAt, +1);
                _ticketChanges.Add(new(t.TicketId, ticket));
                return null;
            case TicketResolved t:
                if (_tickets.Remove(t.TicketId, out var resolved))
                {
                    CountTicket(resolved.DueAt, -1);
                }

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

        // The next lists get the room these needed: no growing them event by event on the grain's turn.
        var changes = new OpenItemChanges(_dossierChanges, _ticketChanges);
        _dossierChanges = new(_dossierChanges.Count);
        _ticketChanges = new(_ticketChanges.Count);
        return changes;
    }

    /// <summary>Puts back open work saved before a restart (not a change: it is saved already).</summary>
    public void Restore(IEnumerable<OpenDossier> dossiers, IEnumerable<OpenTicket> tickets)
    {
        _measured = false;
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
        if (!_measured || now < _measuredAt || now >= _nextChange)
        {
            Scan(now);
        }

        TrimWhenMostlyEmpty();
        return new Gauges(_dossiers.Count, _overdue, _dueSoon, _tickets.Count, _overdueTickets);
    }

    /// <summary>Counts every open item at <paramref name="now"/>, and notes when the first of them will change class.</summary>
    private void Scan(DateTimeOffset now)
    {
        (_measured, _measuredAt, _nextChange) = (true, now, DateTimeOffset.MaxValue);
        (_overdue, _dueSoon, _overdueTickets) = (0, 0, 0);
        foreach (var d in _dossiers.Values)
        {
            CountDossier(d.DueAt, +1);
        }

        foreach (var t in _tickets.Values)
        {
            CountTicket(t.DueAt, +1);
        }
    }

    /// <summary>
    /// Adds (+1) or removes (-1) a dossier due at <paramref name="dueAt"/> in the gauges as of <see cref="_measuredAt"/>:
    /// overdue when due before that instant, due soon when due within <see cref="Gauges.DueSoonSpan"/> of it.
    /// </summary>
    private void CountDossier(DateTimeOffset dueAt, int sign)
    {
        if (!_measured)
        {
            return;
        }

        if (dueAt < _measuredAt)
        {
            _overdue += sign;
        }
        else if (dueAt <= _measuredAt + Gauges.DueSoonSpan)
        {
            _dueSoon += sign;
            NextChangeAt(sign, dueAt.AddTicks(1)); // overdue from just after its due instant
        }
        else
        {
            NextChangeAt(sign, dueAt - Gauges.DueSoonSpan); // due soon from then
        }
    }

    private void CountTicket(DateTimeOffset dueAt, int sign)
    {
        if (!_measured)
        {
            return;
        }

        if (dueAt < _measuredAt)
        {
            _overdueTickets += sign;
        }
        else
        {
            NextChangeAt(sign, dueAt.AddTicks(1));
        }
    }

    /// <summary>An item added changes class at <paramref name="at"/>; one removed leaves a bound that is merely early (a rescan, same figures).</summary>
    private void NextChangeAt(int sign, DateTimeOffset at)
    {
        if (sign > 0 && at < _nextChange)
        {
            _nextChange = at;
        }
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
