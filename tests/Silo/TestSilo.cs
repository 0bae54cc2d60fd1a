using IOC.Grains;
using IOC.Grains.Delivery;
using IOC.Grains.Grains;
using IOC.Grains.Messages;
using IOC.Grains.Ports;
using IOC.Grains.Reading;
using IOC.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.TestingHost;

namespace IOC.Tests.Silo;

/// <summary>
/// IOC's grains on a real Orleans cluster in the test process (Orleans' <see cref="InProcessTestCluster"/>), with the
/// services a silo gives them: the repository's units, the test's clock, and the recovery and history sink the test
/// passes (fakes, or the real inbox). Several silos when a test needs grains and observers on different ones.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private TestSilo(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    /// <summary>The first silo's grain factory: calls made inside a silo, as the web host makes them.</summary>
    public IGrainFactory Grains => Services().GetRequiredService<IGrainFactory>();

    public GrainReader Reader => Services().GetRequiredService<GrainReader>();

    public EventDelivery Delivery => Services().GetRequiredService<EventDelivery>();

    public Quarantine Quarantine => Services().GetRequiredService<Quarantine>();

    public IServiceProvider Services(int silo = 0) => Cluster.GetSiloServiceProvider(Cluster.Silos[silo].SiloAddress);

    /// <param name="tickMilliseconds">The grains' timer; short, so tests that wait for a tick do not wait long.</param>
    /// <param name="tailReadMilliseconds">How often units read their inbox tail (a shared inbox); 0: never, as embedded.</param>
    /// <param name="units">The deployment's units (a province or the whole country); the repository's Hanoi by default.</param>
    public static async Task<TestSilo> StartAsync(
        TimeProvider clock, IUnitRecovery recovery, IHistorySink history, short silos = 1, int tickMilliseconds = 50,
        int tailReadMilliseconds = 0, IOC.Domain.Units.UnitCatalog? units = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) =>
        {
            var services = host.Services;
            services.AddSingleton<TimeProvider>(new RealTimers(clock));
            services.AddSingleton(units ?? Seed.Units);
            services.AddSingleton(recovery);
            services.AddSingleton(history);
            services.AddMetrics();
            services.AddSingleton<IOC.Domain.Telemetry.IocMetrics>();
            services.AddSingleton<IQuarantineStore, MemoryQuarantine>();
            services.AddSingleton<Quarantine>();
            services.AddSingleton<UnitGrainServices>();
            services.AddSingleton<EventDelivery>();
            services.AddSingleton<GrainReader>();
            services.Configure<GrainOptions>(o =>
            {
                o.TickMilliseconds = tickMilliseconds;
                o.TailReadMilliseconds = tailReadMilliseconds;
            });
            services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new TestSilo(cluster);
    }

    /// <summary>Delivers events as ingestion does after storing them: numbered from <paramref name="firstSeq"/>, one batch.</summary>
    public Task DeliverAsync(long firstSeq, params IOC.Domain.Events.IocEvent[] events)
    {
        var numbered = events.Select((e, i) => new InboxEvent(firstSeq + i, e)).ToList();
        return Delivery.DeliverAsync(numbered, numbered[^1].Seq);
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
