using IOC.Grains.Fold;
using Orleans;

namespace IOC.Grains.Messages;

/// <summary>
/// Today's five-minute slots of the city (minute / 5) that changed: all of today's when <see cref="Full"/>, for a new
/// day or a rebuilt city, otherwise only those that moved.
/// </summary>
[GenerateSerializer, Immutable, Alias("ioc.CityTrend")]
public sealed record CityTrend([property: Id(0)] int Day, [property: Id(1)] bool Full, [property: Id(2)] IReadOnlyList<Bucket> Slots);

/// <summary>
/// What a grain's tick tells the web hosts: its changed snapshot, if any, and for the city the trend slots that moved.
/// The city sends one every tick even when nothing moved: its <see cref="AsOf"/> is the wallboards' freshness.
/// </summary>
[GenerateSerializer, Immutable, Alias("ioc.KpiUpdate")]
public sealed record KpiUpdate(
    [property: Id(0)] DateTimeOffset AsOf,
    [property: Id(1)] GrainSnapshot? Snapshot,
    [property: Id(2)] CityTrend? Trend = null);
