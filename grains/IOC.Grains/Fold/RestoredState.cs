using IOC.Domain.Kpis;

namespace IOC.Grains.Fold;

/// <summary>
/// A grain as the history store and the checkpoint saw it before a restart: day buckets (of this month), whole
/// earlier months (of this year), five-minute slots (today's trend), minutes (the rolling hour) and the open work.
/// Each level is complete on its own: a day is not the sum of the minutes given, which cover only the recent past.
/// </summary>
public sealed record RestoredState
{
    /// <summary>Day buckets; each also adds to its month.</summary>
    public IReadOnlyList<(int Day, CounterSet Counters)> Days { get; init; } = [];

    /// <summary>
    /// Day buckets before this month (the last few weeks: the 7-day window, the nowcast's usual pattern). They do not
    /// add to their month: an earlier month of this year comes whole in <see cref="Months"/>.
    /// </summary>
    public IReadOnlyList<(int Day, CounterSet Counters)> EarlierDays { get; init; } = [];

    /// <summary>Whole months with no day given (year × 12 + month − 1), for the year-to-date window.</summary>
    public IReadOnlyList<(int Month, CounterSet Counters)> Months { get; init; } = [];

    /// <summary>Keyed by minute key / 5.</summary>
    public IReadOnlyList<(long Slot, CounterSet Counters)> FiveMinutes { get; init; } = [];

    public IReadOnlyList<(long Minute, CounterSet Counters)> Minutes { get; init; } = [];

    public IReadOnlyList<OpenDossier> OpenDossiers { get; init; } = [];

    public IReadOnlyList<OpenTicket> OpenTickets { get; init; } = [];
}
