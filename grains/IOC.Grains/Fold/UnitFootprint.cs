using IOC.Domain.Units;
using Orleans;

namespace IOC.Grains.Fold;

/// <summary>
/// What one unit grain holds in memory, item by item: open work (bounded by what is open), what waits for the next
/// hand-over (bounded by one tick), day buckets (one a day) and shares the city has not taken (at most 240). None of it
/// grows with the number of events that passed.
/// </summary>
[GenerateSerializer, Immutable, Alias("ioc.UnitFootprint")]
public sealed record UnitFootprint(
    [property: Id(0)] UnitKey Key,
    [property: Id(1)] int OpenDossiers,
    [property: Id(2)] int OpenTickets,
    [property: Id(3)] int OpenDossierCapacity,
    [property: Id(4)] int PendingOpenChanges,
    [property: Id(5)] int PendingDeltaMinutes,
    [property: Id(6)] int PendingProcedureEvents,
    [property: Id(7)] int DayBuckets,
    [property: Id(8)] int PendingShares);
