using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Grains;
using IOC.Grains.Interfaces;
using IOC.Grains.Pushes;
using IOC.Live.Feed;
using IOC.Tests.Shared;
using Microsoft.Extensions.Time.Testing;
using IOC.Tests.Silo;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Live.Tests.Feed;

/// <summary>
/// The way live figures reach a web host, on two silos: grains on either silo publish through their silo's publisher
/// to a host's observer registered on the second, so what the host shows does not depend on sharing a process with them.
/// </summary>
public sealed class ObserverPathTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(Local(2025, 7, 2, 10, 0).ToUniversalTime());
    private TestSilo _silo = null!;

    public async Task InitializeAsync() =>
        _silo = await TestSilo.StartAsync(_clock, new NothingToRecover(), new NoHistory(), silos: 2);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task AHostsObserverOnOneSiloGetsTheUpdatesOfGrainsLivingOnTheOther()
    {
        var hostSilo = _silo.Cluster.Silos[1].SiloAddress;
        var hostGrains = _silo.Services(1).GetRequiredService<IGrainFactory>();
        var store = new LiveStore();
        var observer = new KpiObserver(store);
        var reference = hostGrains.CreateObjectReference<IKpiObserver>(observer);
        await hostGrains.GetGrain<IObserverRegistryGrain>(0).Register(hostSilo, reference);
        await Task.Delay(PushTiming.RefreshObserversEvery + TimeSpan.FromMilliseconds(500));

        await _silo.DeliverAsync(1, [.. Seed.Units.Wards.Select(w => Call(_clock.GetUtcNow(), w.Code))]);

        await Eventually(() => Seed.Units.Wards.All(w => store.Get(w.Key)[KpiWindow.Today][Counter.CallsOffered] == 1)
            && store.City[KpiWindow.Today][Counter.CallsOffered] == Seed.Units.Wards.Count);
        var hosts = await WardHostsAsync();
        hosts.Should().Contain(_silo.Cluster.Silos[0].SiloAddress, "some wards live on the silo without the observer");
        hosts.Should().Contain(hostSilo, "and some on the observer's own silo");
        GC.KeepAlive(observer);
    }

    /// <summary>The silos the ward grains were activated on.</summary>
    private async Task<HashSet<SiloAddress>> WardHostsAsync()
    {
        var statistics = await _silo.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return [.. statistics.Where(s => s.GrainId.ToString().StartsWith("ward/", StringComparison.Ordinal)).Select(s => s.SiloAddress)];
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "every ward's update should reach the host within 15 s");
            await Task.Delay(50);
        }
    }
}
