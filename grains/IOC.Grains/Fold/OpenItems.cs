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

/// <summary>What the fold needs of the open dossier a completion closes: its procedure and intake channel.</summary>
public readonly record struct ClosedDossier(string Procedure, DossierChannel Channel);

/// <summary>
/// Open dossiers and feedback tickets of one unit: the source of the "right now" gauges
/// (overdue pending, due soon, open overdue tickets).
/// </summary>
/// <remarks>
/// The tables hold compact structs, not the <see cref="OpenDossier"/>/<see cref="OpenTicket"/> records: a receipt or
/// a completion then allocates nothing that outlives the batch (no record per open item for the GC to promote and
/// trace; a dossier's entry is 48 bytes in the table instead of a 24-byte entry plus a 72-byte record), and a
/// completion reads its dossier's due time from the entry it removes instead of from a record elsewhere in the heap.
/// The records are made when something reads them (<see cref="Dossiers"/>, <see cref="TakeChanges"/>'s lists), off
/// the fold's path (docs/benchmarks.md, issue 10's fourth pass).
/// </remarks>
/// <param name="procedures">Where the procedure codes of open dossiers are shared (<see cref="ProcedurePool.Shared"/> by default).</param>
public sealed class OpenItems(ProcedurePool? procedures = null)
{
    private readonly ProcedurePool _procedures = procedures ?? ProcedurePool.Shared;
    private readonly Dictionary<string, DossierEntry> _dossiers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TicketEntry> _tickets = new(StringComparer.Ordinal);
    private List<DossierChange> _dossierChanges = [];
    private List<TicketChange> _ticketChanges = [];

    // The gauges as of _measuredAt, kept up to date as items open and close, and valid for any instant before
    // _nextChange (the first instant at which an open item becomes due soon or overdue): a grain measures them on every
    // tick, and scanning every open item each time cost more than folding the events (docs/benchmarks.md). Instants are
    // UTC ticks: comparing and offsetting longs on every receipt costs less than DateTimeOffset's checked arithmetic.
    private bool _measured;
    private long _measuredAt;
    private long _dueSoonUntil;
    private long _nextChange;
    private long _overdue;
    private long _dueSoon;
    private long _overdueTickets;

    public IReadOnlyCollection<OpenDossier> Dossiers => new MappedValues<string, DossierEntry, OpenDossier>(_dossiers, (id, d) => d.ToRecord(id));

    public IReadOnlyCollection<OpenTicket> Tickets => new MappedValues<string, TicketEntry, OpenTicket>(_tickets, (id, t) => t.ToRecord(id));

    public int DossierCount => _dossiers.Count;

    public int TicketCount => _tickets.Count;

    /// <summary>The open-dossier table's capacity (what it holds memory for).</summary>
    public int DossierCapacity => _dossiers.EnsureCapacity(0);

    /// <summary>Openings and closings not handed over yet.</summary>
    public int PendingChanges => _dossierChanges.Count + _ticketChanges.Count;

    /// <summary>Opens or closes an item. Returns the procedure and channel of the dossier a completion closes, when it was open here.</summary>
    public ClosedDossier? Track(IocEvent e)
    {
        switch (e)
        {
            case DossierReceived r:
                var dossier = new DossierEntry(_procedures.Share(r.Procedure), r.Channel, r.At, r.DueAt);
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_dossiers, r.DossierId, out var reopened);
                if (reopened)
                {
                    CountDossier(slot.DueTicks, -1);
                }

                slot = dossier;
                CountDossier(dossier.DueTicks, +1);
                _dossierChanges.Add(new(r.DossierId, dossier));
                return null;
            case DossierCompleted d:
                _dossierChanges.Add(new(d.DossierId, default));
                if (_dossiers.Remove(d.DossierId, out var closed))
                {
                    CountDossier(closed.DueTicks, -1);
                    return new ClosedDossier(closed.Procedure, closed.Channel);
                }

                return null;
            case TicketOpened t:
                var ticket = new TicketEntry(t.At, t.DueAt);
                ref var ticketSlot = ref CollectionsMarshal.GetValueRefOrAddDefault(_tickets, t.TicketId, out var reopenedTicket);
                if (reopenedTicket)
                {
                    CountTicket(ticketSlot.DueTicks, -1);
                }

                ticketSlot = ticket;
                CountTicket(ticket.DueTicks, +1);
                _ticketChanges.Add(new(t.TicketId, ticket, Open: true));
                return null;
            case TicketResolved t:
                if (_tickets.Remove(t.TicketId, out var resolved))
                {
                    CountTicket(resolved.DueTicks, -1);
                }

                _ticketChanges.Add(new(t.TicketId, default, Open: false));
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// What opened (the item) or closed (null) since the last call, in order, so the open work can be saved with the
    /// history checkpoint and outlive a restart. Null when nothing changed. The records are made as the lists are read.
    /// </summary>
    public OpenItemChanges? TakeChanges()
    {
        if (_dossierChanges.Count == 0 && _ticketChanges.Count == 0)
        {
            return null;
        }

        var changes = new OpenItemChanges(
            new MappedList<DossierChange, KeyValuePair<string, OpenDossier?>>(_dossierChanges, c => new(c.Id, c.Entry.IsOpen ? c.Entry.ToRecord(c.Id) : null)),
            new MappedList<TicketChange, KeyValuePair<string, OpenTicket?>>(_ticketChanges, c => new(c.Id, c.Open ? c.Entry.ToRecord(c.Id) : null)));

        // The next lists get the room these needed: no growing them event by event on the grain's turn.
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
            _dossiers[d.DossierId] = new DossierEntry(_procedures.Share(d.Procedure), d.Channel, d.ReceivedAt, d.DueAt);
        }

        foreach (var t in tickets)
        {
            _tickets[t.TicketId] = new TicketEntry(t.OpenedAt, t.DueAt);
        }
    }

    /// <summary>The gauges of the open items at <paramref name="now"/>.</summary>
    public Gauges Measure(DateTimeOffset now)
    {
        var at = now.UtcTicks;
        if (!_measured || at < _measuredAt || at >= _nextChange)
        {
            Scan(at);
        }

        TrimWhenMostlyEmpty();
        return new Gauges(_dossiers.Count, _overdue, _dueSoon, _tickets.Count, _overdueTickets);
    }

    /// <summary>Counts every open item at <paramref name="now"/> (UTC ticks), and notes when the first of them will change class.</summary>
    private void Scan(long now)
    {
        (_measured, _measuredAt, _dueSoonUntil, _nextChange) = (true, now, now + Gauges.DueSoonSpan.Ticks, long.MaxValue);
        (_overdue, _dueSoon, _overdueTickets) = (0, 0, 0);
        foreach (var d in _dossiers.Values)
        {
            CountDossier(d.DueTicks, +1);
        }

        foreach (var t in _tickets.Values)
        {
            CountTicket(t.DueTicks, +1);
        }
    }

    /// <summary>
    /// Adds (+1) or removes (-1) a dossier due at <paramref name="dueAt"/> (UTC ticks) in the gauges as of
    /// <see cref="_measuredAt"/>: overdue when due before that instant, due soon when due within
    /// <see cref="Gauges.DueSoonSpan"/> of it.
    /// </summary>
    private void CountDossier(long dueAt, int sign)
    {
        if (!_measured)
        {
            return;
        }

        if (dueAt < _measuredAt)
        {
            _overdue += sign;
        }
        else if (dueAt <= _dueSoonUntil)
        {
            _dueSoon += sign;
            NextChangeAt(sign, dueAt + 1); // overdue from just after its due instant
        }
        else
        {
            NextChangeAt(sign, dueAt - Gauges.DueSoonSpan.Ticks); // due soon from then
        }
    }

    private void CountTicket(long dueAt, int sign)
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
            NextChangeAt(sign, dueAt + 1);
        }
    }

    /// <summary>An item added changes class at <paramref name="at"/>; one removed leaves a bound that is merely early (a rescan, same figures).</summary>
    private void NextChangeAt(int sign, long at)
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

    /// <summary>An instant as UTC ticks and offset minutes: 10 bytes of the 16 a DateTimeOffset takes in a struct, and the same value back.</summary>
    private static DateTimeOffset Instant(long utcTicks, short offsetMinutes) =>
        new(utcTicks + (offsetMinutes * TimeSpan.TicksPerMinute), TimeSpan.FromMinutes(offsetMinutes));

    /// <summary>An open dossier in the table (32 bytes; its id is the key). A null procedure marks a closing in the change list.</summary>
    private readonly struct DossierEntry(string procedure, DossierChannel channel, DateTimeOffset receivedAt, DateTimeOffset dueAt)
    {
        public readonly string Procedure = procedure;
        public readonly long ReceivedTicks = receivedAt.UtcTicks;
        public readonly long DueTicks = dueAt.UtcTicks;
        public readonly DossierChannel Channel = channel;
        public readonly short ReceivedOffset = (short)receivedAt.TotalOffsetMinutes;
        public readonly short DueOffset = (short)dueAt.TotalOffsetMinutes;

        public bool IsOpen => Procedure is not null;

        public OpenDossier ToRecord(string id) =>
            new(id, Procedure, Channel, Instant(ReceivedTicks, ReceivedOffset), Instant(DueTicks, DueOffset));
    }

    /// <summary>An open ticket in the table (24 bytes; its id is the key).</summary>
    private readonly struct TicketEntry(DateTimeOffset openedAt, DateTimeOffset dueAt)
    {
        public readonly long OpenedTicks = openedAt.UtcTicks;
        public readonly long DueTicks = dueAt.UtcTicks;
        public readonly short OpenedOffset = (short)openedAt.TotalOffsetMinutes;
        public readonly short DueOffset = (short)dueAt.TotalOffsetMinutes;

        public OpenTicket ToRecord(string id) => new(id, Instant(OpenedTicks, OpenedOffset), Instant(DueTicks, DueOffset));
    }

    /// <summary>A dossier opened (its entry) or closed (the default entry) since the last hand-over.</summary>
    private readonly record struct DossierChange(string Id, DossierEntry Entry);

    private readonly record struct TicketChange(string Id, TicketEntry Entry, bool Open);
}
