using IOC.Ingestion.Simulation;
using IOC.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace IOC.Ingestion.Tests.Simulation;

/// <summary>The demo's simulated history: days before now through the real ingestion, then the live simulator takes over its open work.</summary>
public sealed class SimulatedHistoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset ThursdayMorning = SimulatedWeek.LocalTime(new DateOnly(2026, 11, 19), 10);

    private readonly FakeTimeProvider _clock = new(ThursdayMorning.ToUniversalTime());
    private readonly IngestionPipeline _pipeline;

    public SimulatedHistoryTests() => _pipeline = new IngestionPipeline(_clock);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _pipeline.DisposeAsync().AsTask();

    [Fact]
    public async Task ThreeDaysAreIngestedAtTheSampleDaysRateFromMidnightUpToNowAndNothingIsRefused()
    {
        var started = await _pipeline.StartAsync();

        var accepted = await SimulatedHistory.BackfillAsync(started.Ingestion, Seed.Units, seed: 7, days: 3, ThursdayMorning);

        // Monday 00:00 to Thursday 10:00: three whole days and ten hours at ~4,500 a day on average over the week.
        accepted.Should().BeInRange(12_000, 20_000);
        started.Ingestion.Stats.StoredEvents.Should().Be(accepted);
        started.Ingestion.Stats.Rejected.Should().Be(0);
        var city = await started.Figures.City();
        city.Gauges.OpenDossiers.Should().BeGreaterThan(0, "dossiers received in the last days are still being worked on");
    }

    [Fact]
    public async Task TheLiveSimulatorAdoptsWhatTheHistoryLeftOpen()
    {
        var started = await _pipeline.StartAsync();
        await SimulatedHistory.BackfillAsync(started.Ingestion, Seed.Units, seed: 7, days: 2, ThursdayMorning);
        var live = new TrafficSimulator(started.Ingestion, new TrafficGenerator(Seed.Units, 7, 0.5), new SimulatorOptions(), _clock);

        var adopted = await live.AdoptLeftoversAsync(started.Silo.Grains, Seed.Units);

        adopted.Total.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task NoDaysIngestsOnlyTodayUpToNowAndMoreThanAYearIsRefused()
    {
        var started = await _pipeline.StartAsync();

        var today = await SimulatedHistory.BackfillAsync(started.Ingestion, Seed.Units, seed: 7, days: 0, ThursdayMorning);
        var tooMany = () => SimulatedHistory.BackfillAsync(started.Ingestion, Seed.Units, seed: 7, days: 367, ThursdayMorning);

        today.Should().BeInRange(500, 4_000, "midnight to 10:00 of a weekday");
        await tooMany.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}
