using IOC.Domain.Events;

namespace IOC.Grains.Fold;

/// <summary>
/// The last line of defence behind validation: an instant the calendar arithmetic of the fold and the history rollups
/// cannot handle (bucket starts a day before it, ends a day after it) must never reach a counter. Validation rejects
/// far narrower ranges at the door; this only keeps an event accepted under older rules from poisoning a unit.
/// </summary>
public static class FoldGuard
{
    private static readonly DateTimeOffset Earliest = new(2, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(9998, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Why the event cannot be folded (its field and the reason), or null when it can.</summary>
    public static string? Reason(IocEvent e) =>
        Outside("at", e.At) ?? e switch
        {
            DossierReceived r => Outside("dueAt", r.DueAt),
            DossierCompleted c => Outside("dueAt", c.DueAt) ?? Outside("completedAt", c.CompletedAt),
            TicketOpened t => Outside("dueAt", t.DueAt),
            TicketResolved t => Outside("dueAt", t.DueAt) ?? Outside("resolvedAt", t.ResolvedAt),
            _ => null,
        };

    private static string? Outside(string field, DateTimeOffset at) =>
        at < Earliest || at > Latest ? $"{field} {at:O} is outside the range the fold can bucket (years 2 to 9998)" : null;
}
