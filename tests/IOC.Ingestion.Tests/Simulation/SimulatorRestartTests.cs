using IOC.Domain.Kpis;
using IOC.Grains.Interfaces;
using IOC.Ingestion.Simulation;
using IOC.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace IOC.Ingestion.Tests.Simulation;

/// <summary>
/// A simulator runs through a real inbox and grains, the process restarts (grains recovered from the
/// inbox) and a second simulator with a later start takes over what the first left open.
/// </summary>
public sealed class SimulatorRestartTests : IAsyncLifetime
{
    private static readonly DateTimeOffset WednesdayMorning = SimulatedWeek.LocalTime(new DateOnly(2026, 11, 18), 9);
    private static readonly DateTimeOffset ThursdayMorning = SimulatedWeek.LocalTime(new DateOnly(2026, 11, 19), 8);

    private readonly FakeTimeProvider _clock = new(WednesdayMorning.ToUniversalTime());
    private readonly IngestionPipeline _pipeline;
    private readonly SimulatorOptions _options = new() { EventsPerSecond = 0.1 };
    private readonly List<string> _log = [];

    public SimulatorRestartTests() => _pipeline = new IngestionPipeline(_clock);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _pipeline.DisposeAsync().AsTask();

    [Fact]
    public async Task AfterARestartTheNextRunClosesWhatTheEarlierRunLeftOpenAndTheGaugesFallBack()
    {
        var first = await _pipeline.StartAsync();
        var (earlier, earlierGenerator) = Simulator(first.Ingestion);
        await earlier.TickAsync();
        await RunFor(earlier, TimeSpan.FromHours(8), TimeSpan.FromMinutes(1));
        var earlierIds = $"sim-{_options.Seed}-{earlierGenerator.Start!.Value.ToUnixTimeSeconds()}-";
        first.Inbox.Dispose();
        _clock.SetUtcNow(ThursdayMorning.ToUniversalTime());
        var second = await _pipeline.StartAsync();
        await second.WarmAsync();
        var atRestart = await Gauges(second);
        var leftovers = await OverdueAndOpen(second, earlierIds, dueBefore: ThursdayMorning);

        var (next, nextGenerator) = Simulator(second.Ingestion);
        var adopted = await next.AdoptLeftoversAsync(second.Silo.Grains, Seed.Units);
        await RunFor(next, TimeSpan.FromHours(8), TimeSpan.FromMinutes(1));
        var afterAWorkingDay = await Gauges(second);
        var leftAfterAWorkingDay = await OverdueAndOpen(second, earlierIds, dueBefore: ThursdayMorning);
        await RunFor(next, TimeSpan.FromDays(30), TimeSpan.FromHours(6));
        var atTheEnd = await Gauges(second);
        var leftAtTheEnd = await OverdueAndOpen(second, earlierIds, dueBefore: DateTimeOffset.MaxValue);

        atRestart.OverdueDossiers.Should().BeGreaterThan(10, "the afternoon's short procedures fell due overnight");
        leftovers.Should().Be((atRestart.OverdueDossiers + atRestart.OverdueTickets, atRestart.OpenDossiers + atRestart.OpenTickets));
        adopted.Total.Should().Be((int)leftovers.Open, "each item once, though the service center's are in two grains");
        leftAfterAWorkingDay.Overdue.Should().BeLessThan(leftovers.Overdue / 10, "work overdue at the restart is caught up in its first hours");
        (afterAWorkingDay.OverdueDossiers + afterAWorkingDay.OverdueTickets).Should().BeLessThan(leftovers.Overdue / 2);
        leftAtTheEnd.Should().Be((0L, 0L));
        (atTheEnd.OpenDossiers + atTheEnd.OpenTickets).Should().Be(nextGenerator.OpenItems, "only the running simulator's own work is open");
        (earlier.Rejected, next.Rejected, next.FailedBatches).Should().Be((0L, 0L, 0L));
        _log.Should().NotContain(line => line.Contains("rejected"));
        second.Ingestion.Stats.StoredEvents.Should().Be(earlier.EventsSent + next.EventsSent);
    }

    [Fact]
    public async Task AdoptingAfterTheFirstTickIsRefused()
    {
        var started = await _pipeline.StartAsync();
        var (simulator, _) = Simulator(started.Ingestion);
        await simulator.TickAsync();

        var adopt = () => simulator.AdoptLeftoversAsync(started.Silo.Grains, Seed.Units);

        await adopt.Should().ThrowAsync<InvalidOperationException>();
    }

    private static async Task<Gauges> Gauges(IngestionPipeline.Started started) => (await started.Figures.City()).Gauges;

    /// <summary>Open items whose ids start with <paramref name="idPrefix"/>, each id once, and how many of them were due before <paramref name="dueBefore"/>.</summary>
    private static async Task<(long Overdue, long Open)> OverdueAndOpen(IngestionPipeline.Started started, string idPrefix, DateTimeOffset dueBefore)
    {
        var units = Seed.Units.Wards.Concat(Seed.Units.Agencies);
        var work = LeftoverWork.FromGrains(await Task.WhenAll(units.Select(u => started.Silo.Grains.Unit(u.Key).GetOpenWork(idPrefix))));
        return (work.Count(w => w.DueAt < dueBefore), work.Count);
    }

    private async Task RunFor(TrafficSimulator simulator, TimeSpan span, TimeSpan step)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < span; elapsed += step)
        {
            _clock.Advance(step);
            await simulator.TickAsync();
        }
    }

    private (TrafficSimulator Simulator, TrafficGenerator Generator) Simulator(IngestionService ingestion)
    {
        var generator = new TrafficGenerator(Seed.Units, _options);
        return (new TrafficSimulator(ingestion, generator, _options, _clock, line => { lock (_log) { _log.Add(line); } }), generator);
    }
}
