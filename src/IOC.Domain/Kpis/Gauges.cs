using Orleans;

namespace IOC.Domain.Kpis;

/// <summary>
/// Values of "now" rather than of a window: open work and how much of it is past due.
/// They change as the clock moves even when no event arrives.
/// </summary>
[GenerateSerializer, Immutable, Alias("ioc.Gauges")]
public readonly record struct Gauges(
    [property: Id(0)] long OpenDossiers,
    [property: Id(1)] long OverdueDossiers,
    [property: Id(2)] long DueSoonDossiers,
    [property: Id(3)] long OpenTickets,
    [property: Id(4)] long OverdueTickets)
{
    /// <summary>"Due soon" means due within this span from now.</summary>
    public static readonly TimeSpan DueSoonSpan = TimeSpan.FromHours(24);

    public static Gauges operator +(Gauges a, Gauges b) => new(
        a.OpenDossiers + b.OpenDossiers,
        a.OverdueDossiers + b.OverdueDossiers,
        a.DueSoonDossiers + b.DueSoonDossiers,
        a.OpenTickets + b.OpenTickets,
        a.OverdueTickets + b.OverdueTickets);
}
