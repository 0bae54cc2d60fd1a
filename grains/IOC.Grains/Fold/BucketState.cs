using IOC.Domain.Kpis;
using Orleans;

namespace IOC.Grains.Fold;

/// <summary>One bucket's counters: a minute, a five-minute slot (minute / 5), a day or a month key.</summary>
[GenerateSerializer, Immutable, Alias("ioc.Bucket")]
public readonly record struct Bucket([property: Id(0)] long Key, [property: Id(1)] CounterSet Counters);

/// <summary>Every non-empty bucket of a <see cref="CounterBuckets"/>, level by level (see <see cref="CounterBuckets.Export"/>).</summary>
[GenerateSerializer, Immutable, Alias("ioc.BucketState")]
public sealed record BucketState(
    [property: Id(0)] IReadOnlyList<Bucket> Minutes,
    [property: Id(1)] IReadOnlyList<Bucket> FiveMinutes,
    [property: Id(2)] IReadOnlyList<Bucket> Days,
    [property: Id(3)] IReadOnlyList<Bucket> Months)
{
    public static readonly BucketState Empty = new([], [], [], []);
}
