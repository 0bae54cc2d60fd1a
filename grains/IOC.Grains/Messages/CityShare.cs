using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using Orleans;

namespace IOC.Grains.Messages;

/// <summary>
/// What one contributor (a ward, or the city's direct work) folded since its previous share, per local minute, and its
/// open-item gauges now. Numbered from 1 per activation of the contributor (<paramref name="Incarnation"/>), so the city
/// applies each exactly once, and notices one missing or a contributor that was rebuilt (both make it rebuild).
/// </summary>
[GenerateSerializer, Immutable, Alias("ioc.CityShare")]
public sealed record CityShare(
    [property: Id(0)] UnitKey From,
    [property: Id(1)] long Incarnation,
    [property: Id(2)] long Number,
    [property: Id(3)] IReadOnlyDictionary<long, CounterSet> Minutes,
    [property: Id(4)] Gauges Gauges);

/// <summary>A contributor's whole share so far (every bucket), the number of its last share, and its gauges now.</summary>
[GenerateSerializer, Immutable, Alias("ioc.CityContribution")]
public sealed record CityContribution(
    [property: Id(0)] UnitKey From,
    [property: Id(1)] long Incarnation,
    [property: Id(2)] BucketState Buckets,
    [property: Id(3)] long LastShare,
    [property: Id(4)] Gauges Gauges);
