using IOC.Domain.Units;

namespace IOC.Grains.Routing;

/// <summary>Which shard owns a key: a stable hash (FNV-1a), the same in every process and run.</summary>
public sealed class ShardMap(int shardCount)
{
    public int Count { get; } = shardCount > 0 ? shardCount : throw new ArgumentOutOfRangeException(nameof(shardCount));

    public int ShardOf(UnitKey key)
    {
        var hash = 2166136261u;
        hash = (hash ^ (uint)key.Level) * 16777619u;
        foreach (var c in key.Code)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)Count);
    }
}
