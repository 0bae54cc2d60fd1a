using System.Text.Json.Nodes;
using IOC.Domain.Units;
using IOC.Grains.Interfaces;
using IOC.Tests.Shared;
using Microsoft.Extensions.Time.Testing;
using static IOC.Ingestion.Tests.SampleEvents;

namespace IOC.Ingestion.Tests.Memory;

/// <summary>
/// Memory follows what is open, never what passed: three hundred thousand events through the real ingestion path (the
/// inbox, the grains), a backlog of a hundred thousand open dossiers cleared, and what each part keeps counted after.
/// </summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private static readonly string[] Wards = ["00082", "00070", "00004", "00008", "00025"];

    private readonly IngestionPipeline _pipeline = new(new FakeTimeProvider(Now.AddHours(10).ToUniversalTime()));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _pipeline.DisposeAsync().AsTask();

    [Fact]
    public async Task AfterABacklogIsClearedEveryUnitKeepsOnlyWhatIsStillOpen()
    {
        var started = await _pipeline.StartAsync(new IngestionOptions { MaxEventsPerRequest = 10_000 });
        const int dossiers = 100_000;
        const int leftOpen = 20;

        await IngestAsync(started, Enumerable.Range(0, dossiers).Select(i =>
            Received($"r{i}", $"D{i}", "2025-07-02T08:00:00+07:00").With("unit", Wards[i % Wards.Length])));
        var backlog = await FootprintsAsync(started);
        await IngestAsync(started, Enumerable.Range(0, dossiers - leftOpen).SelectMany(i => new[]
        {
            Completed($"c{i}", $"D{i}", "2025-07-02T15:00:00+07:00").With("unit", Wards[i % Wards.Length]),
            Valid("hotline.call", $"h{i}").With("unit", Wards[i % Wards.Length]),
            i % 2 == 0 ? Valid("survey.response", $"s{i}").With("unit", Wards[i % Wards.Length]) : Valid("document.processed", $"p{i}"),
        }));
        var after = await FootprintsAsync(started);

        backlog.Sum(f => f.OpenDossiers).Should().Be(dossiers);
        started.Ingestion.LedgerSize.Should().Be(leftOpen, "the ledger holds the receipt time of open dossiers only");
        after.Sum(f => f.OpenDossiers).Should().Be(leftOpen);
        after.Should().OnlyContain(f => f.OpenDossierCapacity < 1_000, "a cleared backlog gives its table's memory back");
        after.Should().OnlyContain(f => f.PendingOpenChanges == 0 && f.PendingDeltaMinutes == 0 && f.PendingProcedureEvents == 0);
        after.Should().OnlyContain(f => f.DayBuckets <= 1 && f.PendingShares <= 3, "one day of events; shares wait for the city at most a tick or two");
        started.Inbox.Count().Should().Be(dossiers + (3L * (dossiers - leftOpen)));
    }

    private static async Task IngestAsync(IngestionPipeline.Started started, IEnumerable<JsonObject> events)
    {
        foreach (var chunk in events.Chunk(10_000))
        {
            var result = await started.Ingestion.IngestAsync(Ndjson([.. chunk]), ndjson: true);
            result.Rejected.Should().BeEmpty();
        }
    }

    /// <summary>Every unit's footprint once each grain has handed over and published (which trims its tables).</summary>
    private static async Task<List<IOC.Grains.Fold.UnitFootprint>> FootprintsAsync(IngestionPipeline.Started started)
    {
        var reader = started.Silo.Reader;
        await reader.FlushAsync();
        await started.Silo.Grains.GetGrain<ICityGrain>(UnitCatalog.CityCode).Refresh();
        var units = reader.UnitKeys().ToList();
        await Task.WhenAll(units.Select(u => started.Silo.Grains.Unit(u).GetSnapshot()));
        return [.. await Task.WhenAll(units.Select(u => started.Silo.Grains.Unit(u).GetFootprint()))];
    }
}
