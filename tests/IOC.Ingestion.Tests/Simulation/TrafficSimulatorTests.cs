using IOC.Domain.Units;
using IOC.Ingestion.Simulation;
using IOC.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace IOC.Ingestion.Tests.Simulation;

public sealed class TrafficSimulatorTests : IAsyncLifetime
{
    private static readonly DateTimeOffset WednesdayMorning = new(2026, 11, 18, 9, 0, 0, TimeSpan.FromHours(7));

    private readonly FakeTimeProvider _clock = new(WednesdayMorning.ToUniversalTime());
    private readonly List<string> _log = [];
    private readonly IngestionPipeline _pipeline;
    private IngestionPipeline.Started _started = null!;

    public TrafficSimulatorTests() => _pipeline = new IngestionPipeline(_clock);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _pipeline.DisposeAsync().AsTask();

    [Fact]
    public async Task ATickStoresTheEventsSinceThePreviousTickInTheInbox()
    {
        var simulator = await Simulator(Seed.Units, new SimulatorOptions { EventsPerSecond = 5 });
        await simulator.TickAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));

        var sent = await simulator.TickAsync();

        sent.Should().BeGreaterThan(100);
        simulator.EventsSent.Should().Be(sent);
        simulator.Rejected.Should().Be(0);
        _started.Inbox.Count().Should().Be(sent);
        _log.Should().BeEmpty();
    }

    [Fact]
    public async Task TheLoopFeedsIngestionUntilCancelledAndThenReturnsQuietly()
    {
        var simulator = await Simulator(Seed.Units, new SimulatorOptions { EventsPerSecond = 5, TickMilliseconds = 10 });
        using var stop = new CancellationTokenSource();

        var run = simulator.RunAsync(stop.Token);
        _clock.Advance(TimeSpan.FromSeconds(30));
        await WaitUntil(() => simulator.EventsSent > 0);
        stop.Cancel();
        await run;

        simulator.Rejected.Should().Be(0);
        _started.Inbox.Count().Should().Be(simulator.EventsSent);
    }

    [Fact]
    public async Task RejectedEventsAreCountedAndLoggedAndTheFeedCarriesOn()
    {
        var partial = new UnitCatalog(Seed.Units.City, Seed.Units.Wards.Take(20), Seed.Units.Agencies);
        var simulator = await Simulator(partial, new SimulatorOptions { EventsPerSecond = 5 }, generatorUnits: Seed.Units);
        await simulator.TickAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));
        await simulator.TickAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));

        await simulator.TickAsync();

        simulator.Rejected.Should().BeGreaterThan(0);
        _started.Inbox.Count().Should().Be(simulator.EventsSent - simulator.Rejected);
        _log.Should().Contain(line => line.Contains("unknown unit code"));
    }

    [Fact]
    public async Task AfterALongPauseTheSimulatorSkipsAheadInsteadOfFloodingTheInbox()
    {
        var simulator = await Simulator(Seed.Units, new SimulatorOptions { EventsPerSecond = 5 });
        await simulator.TickAsync();
        _clock.Advance(TimeSpan.FromHours(3));

        var sent = await simulator.TickAsync();

        sent.Should().BeLessThan(2_000, "about one minute of traffic, not three hours");
        _log.Should().ContainSingle(line => line.Contains("skipping ahead"));
    }

    [Fact]
    public async Task ADisabledSimulatorReturnsAtOnce()
    {
        var simulator = await Simulator(Seed.Units, new SimulatorOptions { Enabled = false });

        await simulator.RunAsync(CancellationToken.None);

        simulator.EventsSent.Should().Be(0);
    }

    private async Task<TrafficSimulator> Simulator(UnitCatalog ingestionUnits, SimulatorOptions options, UnitCatalog? generatorUnits = null)
    {
        _started = await _pipeline.StartAsync(units: ingestionUnits);
        var generator = new TrafficGenerator(generatorUnits ?? ingestionUnits, options);
        return new TrafficSimulator(_started.Ingestion, generator, options, _clock, line => { lock (_log) { _log.Add(line); } });
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
