using IOC.Domain.Kpis;

namespace IOC.Grains.State;

/// <summary>
/// A grain as the history store and the checkpoint saw it before a restart: day buckets (for today, this month and
/// this year), five-minute slots (today's trend), minutes (the rolling hour) and the open work. Each bucket level is
/// complete on its own: a day is not the sum of the minutes given, which cover only the recent past.
/// </summary>
public sealed record RestoredState
{
    public IReadOnlyList<(int Day, CounterSet Counters)> Days { get; init; } = [];

    /// <summary>Keyed by minute key / 5.</summary>
    public IReadOnlyList<(long Slot, CounterSet Counters)> FiveMinutes { get; init; } = [];

    public IReadOnlyList<(long Minute, CounterSet Counters)> Minutes { get; init; } = [];

    public IReadOnlyList<OpenDossier> OpenDossiers { get; init; } = [];

    public IReadOnlyList<OpenTicket> OpenTickets { get; init; } = [];
}
