using System.Diagnostics;
using IOC.Ingestion;
using IOC.Ingestion.Inbox;
using IOC.Ingestion.Parsing;

namespace IOC.Bench;

/// <summary>
/// The ingestion pipeline without HTTP, stage by stage (read, parse, inbox, then all of it with the grains), to show where the
/// end-to-end figure goes. Same batches as the ingest benchmark.
/// </summary>
public static class PipelineBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var units = BenchOptions.Units();
        var batches = IngestBenchmark.Prepare(options);
        var parser = new EventParser(units);
        var now = DateTimeOffset.UtcNow;

        var read = Time(options.Runs, () =>
        {
            foreach (var batch in batches)
            {
                BatchReader.Read(batch, ndjson: true, int.MaxValue);
            }
        });
        var items = batches.Select(b => BatchReader.Read(b, ndjson: true, int.MaxValue)).ToArray();
        var parse = Time(options.Runs, () =>
        {
            foreach (var batch in items)
            {
                foreach (var item in batch)
                {
                    parser.Parse(item, now);
                }
            }
        });
        var rows = items.Select(InboxItems).ToArray();
        var inbox = Time(options.Runs, () =>
        {
            var path = Path.Combine(Path.GetTempPath(), $"ioc-bench-{Guid.NewGuid():N}.db");
            using (var store = new SqliteInbox(path))
            {
                foreach (var batch in rows)
                {
                    store.Append(batch);
                }
            }

            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        });

        var whole = new List<double>();
        await using var silo = await BenchSilo.StartAsync(units);
        for (var run = 0; run <= options.Runs; run++)
        {
            var path = Path.Combine(Path.GetTempPath(), $"ioc-bench-{Guid.NewGuid():N}.db");
            using var store = new SqliteInbox(path);
            var service = new IngestionService(store, silo.Delivery, units, new IngestionOptions { MaxEventsPerRequest = int.MaxValue, MaxBodyBytes = long.MaxValue }, TimeProvider.System);
            var stopwatch = Stopwatch.StartNew();
            foreach (var batch in batches)
            {
                await service.IngestAsync(batch, ndjson: true);
            }

            if (run > 0)
            {
                whole.Add(options.Events / stopwatch.Elapsed.TotalSeconds);
            }
        }

        Console.WriteLine($"pipeline stages, medians of {options.Runs} runs, events/s on one thread:");
        Console.WriteLine($"  read (NDJSON -> JsonDocument + raw text): {Rate(options, read)}");
        Console.WriteLine($"  parse + validate:                          {Rate(options, parse)}");
        Console.WriteLine($"  inbox append (SQLite, 1 tx per batch):     {Rate(options, inbox)}");
        BenchOptions.Report("pipeline (all stages, no HTTP)", whole);
        return 0;
    }

    /// <summary>A read batch's items as the ingestion path stores them (id, the raw JSON, ward and agency).</summary>
    public static List<InboxItem> InboxItems(RawBatch batch) =>
        [.. batch.Select(i => new InboxItem(i.Json.GetProperty("id").GetString()!, i.Utf8, Text(i, "unit"), Text(i, "agency")))];

    private static string? Text(RawItem item, string property) =>
        item.Json.TryGetProperty(property, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;

    /// <summary>The median seconds of <paramref name="runs"/> runs (after one untimed), and the bytes the last run allocated.</summary>
    private static (double Seconds, long Bytes) Time(int runs, Action action)
    {
        var seconds = new List<double>();
        var bytes = 0L;
        for (var run = 0; run <= runs; run++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var stopwatch = Stopwatch.StartNew();
            action();
            if (run > 0)
            {
                seconds.Add(stopwatch.Elapsed.TotalSeconds);
                bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            }
        }

        return (BenchOptions.Median(seconds), bytes);
    }

    private static string Rate(BenchOptions options, (double Seconds, long Bytes) stage) =>
        $"{options.Events / stage.Seconds,12:N0} events/s, {stage.Bytes / (double)options.Events,7:N0} bytes allocated an event";
}
