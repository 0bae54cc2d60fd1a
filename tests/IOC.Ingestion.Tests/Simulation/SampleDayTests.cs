using IOC.Domain.Events;
using IOC.Domain.Time;
using IOC.Ingestion.Parsing;
using IOC.Ingestion.Simulation;
using IOC.Tests.Shared;

namespace IOC.Ingestion.Tests.Simulation;

public sealed class SampleDayTests : IDisposable
{
    /// <summary>Set to 1 to rewrite seed-data/sample-day.ndjson after changing the generator on purpose.</summary>
    private const string RewriteVariable = "IOC_WRITE_SAMPLE_DAY";

    private static readonly DateOnly SampleDate = new(2026, 11, 20);

    private readonly string _tempPath = Path.Combine(Path.GetTempPath(), $"ioc-sample-{Guid.NewGuid():N}.ndjson");

    private static string CommittedPath => Path.Combine(Seed.Directory, "sample-day.ndjson");

    public void Dispose() => File.Delete(_tempPath);

    [Fact]
    public void TheCommittedSampleDayHasAFewThousandEventsThatAllParse()
    {
        var parser = new EventParser(Seed.Units);
        var start = VietnamTime.StartOfDay(SampleDate);

        var items = BatchReader.Read(File.ReadAllBytes(CommittedPath), ndjson: true, int.MaxValue);
        var results = items.Select(i => parser.Parse(i, start.AddDays(1))).ToList();

        items.Count.Should().BeInRange(3_000, 6_000);
        results.Select(r => r.Error).Should().OnlyContain(e => e == null);
        results.Should().OnlyContain(r => r.Event!.At >= start && r.Event.At < start.AddDays(1));
        var ledger = new DossierLedger();
        foreach (var e in results.Select(r => r.Event!))
        {
            (e is DossierCompleted c ? DossierLedger.Contradiction(c, ledger.ReceivedAt(c.DossierId)) : null).Should().BeNull();
            ledger.Apply(e);
        }
    }

    [Fact]
    public void TheCommittedSampleDayIsWhatTheGeneratorWritesForItsDateAndSeed()
    {
        if (Environment.GetEnvironmentVariable(RewriteVariable) == "1")
        {
            SampleDay.Write(Seed.Units, SampleDate, 2025, CommittedPath);
        }

        var count = SampleDay.Write(Seed.Units, SampleDate, 2025, _tempPath);

        var committed = File.ReadAllLines(CommittedPath);
        committed.Should().HaveCount(count);
        committed.Should().Equal(File.ReadAllLines(_tempPath), $"the generator changed; if on purpose, rerun this test with {RewriteVariable}=1 and commit the file");
    }

    [Fact]
    public void WriteCoversOneLocalDayAndReturnsTheLineCount()
    {
        var sunday = new DateOnly(2026, 11, 22);
        var start = VietnamTime.StartOfDay(sunday);

        var count = SampleDay.Write(Seed.Units, sunday, 9, _tempPath);

        var lines = File.ReadAllLines(_tempPath);
        lines.Should().HaveCount(count);
        count.Should().BeInRange(3_000, 6_000);
        var items = BatchReader.Read(File.ReadAllBytes(_tempPath), ndjson: true, int.MaxValue);
        items.Select(i => new EventParser(Seed.Units).Parse(i, start.AddDays(1)).Event!.At)
            .Should().OnlyContain(at => at >= start && at < start.AddDays(1));
    }
}
