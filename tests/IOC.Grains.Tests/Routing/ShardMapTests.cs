using IOC.Domain.Units;
using IOC.Grains.Routing;
using IOC.Tests.Shared;

namespace IOC.Grains.Tests.Routing;

public sealed class ShardMapTests
{
    [Theory]
    [InlineData(UnitLevel.Ward, "00082", 2, 0)]
    [InlineData(UnitLevel.Ward, "00070", 2, 1)]
    [InlineData(UnitLevel.Ward, "00082", 4, 2)]
    [InlineData(UnitLevel.Ward, "00070", 4, 3)]
    [InlineData(UnitLevel.Agency, "VPTU", 2, 0)]
    [InlineData(UnitLevel.Agency, "TTPVHCC", 2, 1)]
    public void ShardOfIsTheFnv1aHashOfLevelAndCode(UnitLevel level, string code, int shards, int expected)
    {
        var map = new ShardMap(shards);

        var shard = map.ShardOf(new UnitKey(level, code));

        shard.Should().Be(expected);
    }

    [Fact]
    public void TwoMapsAgreeOnEveryUnit()
    {
        var keys = Seed.Units.All.Select(u => u.Key).ToArray();

        var first = keys.Select(new ShardMap(2).ShardOf).ToArray();
        var second = keys.Select(new ShardMap(2).ShardOf).ToArray();

        second.Should().Equal(first);
    }

    [Fact]
    public void The126WardsSpreadOverTwoShards()
    {
        var map = new ShardMap(2);

        var perShard = Seed.Units.Wards.GroupBy(w => map.ShardOf(w.Key)).ToDictionary(g => g.Key, g => g.Count());

        perShard.Should().BeEquivalentTo(new Dictionary<int, int> { [0] = 70, [1] = 56 });
    }

    [Fact]
    public void AShardCountBelowOneIsRefused()
    {
        var act = () => new ShardMap(0);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
