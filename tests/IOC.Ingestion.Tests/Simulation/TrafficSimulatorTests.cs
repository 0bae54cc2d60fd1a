using IOC.Domain.Units;
using IOC.Grains.Routing;
using IOC.Ingestion.Inbox;
using IOC.Ingestion.Simulation;
using IOC.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace IOC.Ingestion.Tests.Simulation;

public sealed class TrafficSimulatorTests : IAsyncLifetime
{
    private static readonly DateTimeOffset WednesdayMorning = new(2026, 11, 18, 9, 0, 0, TimeSpan.FromHours(7));

    private readonly string _inboxPath = Path.Combine(Path.GetTempPath(), $"ioc-sim-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _clock = new(WednesdayMorning.ToUniversalTime());
    private readonly List<string> _log = [];
    private readonly SqliteInbox _inbox;
    private readonly GrainRouter _router = new(new GrainOptions { Shards = 2 });
    private IngestionService? _ingestion;

    public TrafficSimulatorTests() => _inbox = new SqliteInbox(_inboxPath);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _ingestion?.Dispose();
        await _router.DisposeAsync();
        _inbox.Dispose();
        foreach (var file in new[] { _inboxPath, _inboxPath + "-wal", _inboxPath + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ATickStoresTheEventsSinceThePreviousTickInTheInbox()
    {
        var simulator = Simulator(Seed.Units, new SimulatorOptions { EventsPerSecond = 5 });
        await simulator.TickAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));

        var sent = await simulator.TickAsync();

        sent.Should().BeGreaterThan(100);
        simulator.EventsSent.Should().Be(sent);
        simulator.Rejected.Should().Be(0);
        _inbox.Count().Should().Be(sent);
        _log.Should().BeEmpty();
    }

    [Fact]
    public async Task TheLoopFeedsIngestionUntilCancelledAndThenReturnsQuietly()
    {
        var simulator = Simulator(Seed.Units, new SimulatorOptions { EventsPerSecond = 5, TickMilliseconds = 10 });
        using var stop = new CancellationTokenSource();

        var run = simulator.RunAsync(stop.Token);
        _clock.Advance(TimeSpan.FromSeconds(30));
        await WaitUntil(() => simulator.EventsSent > 0);
        stop.Cancel();
        await run;

        simulator.Rejected.Should().Be(0);
        _inbox.Count().Should().Be(simulator.EventsSent);
    }

    [Fact]
    public async Task RejectedEventsAreCountedAndLoggedAndTheFeedCarriesOn()
    {
        var partial = new UnitCatalog(Seed.Units.City, Seed.Units.Wards.Take(20), Seed.Units.Agencies);
        var simulator = Simulator(partial, new SimulatorOptions { EventsPerSecond = 5 }, generatorUnits: Seed.Units);
        await simulator.TickAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));
        await simulator.TickAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));

        await simulator.TickAsync();

        simulator.Rejected.Should().BeGreaterThan(0);
        _inbox.Count().Should().Be(simulator.EventsSent - simulator.Rejected);
        _log.Should().Contain(line => line.Contains("unknown unit code"));
    }

    [Fact]
    public async Task AfterALongPauseTheSimulatorSkipsAheadInsteadOfFloodingTheInbox()
    {
        var simulator = Simulator(Seed.Units, new SimulatorOptions { EventsPerSecond = 5 });
        await simulator.TickAsync();
        _clock.Advance(TimeSpan.FromHours(3));

        var sent = await simulator.TickAsync();

        sent.Should().BeLessThan(2_000, "about one minute of traffic, not three hours");
        _log.Should().ContainSingle(line => line.Contains("skipping ahead"));
    }

    [Fact]
    public async Task ADisabledSimulatorReturnsAtOnce()
    {
        var simulator = Simulator(Seed.Units, new SimulatorOptions { Enabled = false });

        await simulator.RunAsync(CancellationToken.None);

        simulator.EventsSent.Should().Be(0);
    }

    private TrafficSimulator Simulator(UnitCatalog ingestionUnits, SimulatorOptions options, UnitCatalog? generatorUnits = null)
    {
        _ingestion = new IngestionService(_inbox, _router, ingestionUnits, new IngestionOptions(), _clock);
        var generator = new TrafficGenerator(generatorUnits ?? ingestionUnits, options);
        return new TrafficSimulator(_ingestion, generator, options, _clock, line => { lock (_log) { _log.Add(line); } });
    }

    /// <summary>The loop runs on its own task: FakeTimeProvider fires its timer on Advance, the test waits for the tick.</summary>
    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue("the loop should have ticked within 10 s");
    }
}
