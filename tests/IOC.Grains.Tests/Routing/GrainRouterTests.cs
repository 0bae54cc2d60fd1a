using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Routing;
using static IOC.Grains.Tests.TestEvents;

namespace IOC.Grains.Tests.Routing;

public sealed class GrainRouterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = Local(2025, 7, 2, 10, 0);

    private readonly GrainRouter _router = new(new GrainOptions { Shards = 2 });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _router.DisposeAsync();

    [Fact]
    public async Task AnEventForAWardAndAnAgencyOnTwoShardsIsFoldedOnceByEach()
    {
        // 00082 is on shard 0, TTPVHCC on shard 1.
        await _router.PostAsync([Call(Now, "00082", "TTPVHCC")]);

        var ward = await _router.InspectAsync(new UnitKey(UnitLevel.Ward, "00082"), g => g!.Snapshot(Now)[KpiWindow.Today][Counter.CallsOffered]);
        var agency = await _router.InspectAsync(new UnitKey(UnitLevel.Agency, "TTPVHCC"), g => g!.Snapshot(Now)[KpiWindow.Today][Counter.CallsOffered]);

        (ward, agency).Should().Be((1L, 1L));
        _router.Shards.Select(s => s.EventsFolded).Should().Equal(1, 1);
        _router.Shards.Select(s => s.GrainCount).Should().Equal(1, 1);
    }

    [Fact]
    public async Task AnEventForAWardAndAnAgencyOnOneShardReachesBothGrains()
    {
        // 00082 and VPTU are both on shard 0.
        await _router.PostAsync([Call(Now, "00082", "VPTU")]);

        var agency = await _router.InspectAsync(new UnitKey(UnitLevel.Agency, "VPTU"), g => g?.Key);

        agency.Should().Be(new UnitKey(UnitLevel.Agency, "VPTU"));
        _router.Shards.Select(s => s.EventsFolded).Should().Equal(2, 0);
    }

    [Fact]
    public async Task InspectingAUnitWithoutEventsFindsNoGrain()
    {
        await _router.PostAsync([]);

        var grain = await _router.InspectAsync(new UnitKey(UnitLevel.Ward, "00070"), g => g);

        grain.Should().BeNull();
        _router.Shards.Sum(s => s.GrainCount).Should().Be(0);
    }

    [Fact]
    public async Task AnExceptionInsideAnInspectionReachesTheCallerAndTheShardGoesOn()
    {
        await _router.PostAsync([Call(Now, "00082")]);

        var act = () => _router.InspectAsync<int>(new UnitKey(UnitLevel.Ward, "00082"), _ => throw new InvalidOperationException("look failed"));

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("look failed");
        var count = await _router.InspectAsync(new UnitKey(UnitLevel.Ward, "00082"), g => g!.OpenDossiers.Count);
        count.Should().Be(0);
    }
}
