using System.Diagnostics;
using IOC.Domain.Units;
using IOC.Ingestion.Inbox;
using IOC.Ingestion.Parsing;
using Microsoft.Data.Sqlite;

namespace IOC.Bench;

/// <summary>
/// The inbox's key index (docs/benchmarks.md, "Seventh pass"): how long the first start after the upgrade takes to move an
/// inbox of <c>--events</c> events from the per-event indexes to the key index, and how long a ward's whole tail takes to
/// read back from it. Same events as the ingest benchmark.
/// </summary>
public static class InboxKeyIndexBenchmark
{
    public static int Run(BenchOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("ioc-bench-keyindex-");
        try
        {
            var path = Path.Combine(folder.FullName, "inbox.db");
            var written = Stopwatch.StartNew();
            using (var inbox = new SqliteInbox(path, fullSync: false))
            {
                foreach (var batch in IngestBenchmark.Prepare(options))
                {
                    using var items = BatchReader.Read(batch, ndjson: true, int.MaxValue);
                    inbox.AppendReturningSeqs(PipelineBenchmark.InboxItems(items));
                }
            }

            Console.WriteLine($"inbox-index: {options.Events:N0} events written in {written.Elapsed.TotalSeconds:N1} s, {new FileInfo(path).Length / 1048576.0:N0} MiB");
            var ward = new UnitKey(UnitLevel.Ward, BenchOptions.Units().Wards[0].Code);
            var migrations = new List<double>();
            var reads = new List<double>();
            var wardEvents = 0;
            for (var run = 0; run <= options.Runs; run++)
            {
                ToPerEventIndexes(path);
                var stopwatch = Stopwatch.StartNew();
                using var inbox = new SqliteInbox(path, fullSync: false);
                var opened = stopwatch.Elapsed.TotalSeconds;
                stopwatch.Restart();
                wardEvents = inbox.ReadKeyAfter(ward, 0).Sum(page => page.Count);
                if (run > 0)
                {
                    migrations.Add(opened);
                    reads.Add(stopwatch.Elapsed.TotalMilliseconds);
                }
            }

            Console.WriteLine($"inbox-index: first open after the upgrade (index {options.Events:N0} events by key): runs {string.Join(" | ", migrations.Select(s => s.ToString("N2")))} s; median {BenchOptions.Median(migrations):N2} s");
            Console.WriteLine($"inbox-index: ward {ward.Code}'s whole tail ({wardEvents:N0} events) from the index: runs {string.Join(" | ", reads.Select(s => s.ToString("N0")))} ms; median {BenchOptions.Median(reads):N0} ms");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Turns the file back into what an inbox written before the key index looked like.</summary>
    private static void ToPerEventIndexes(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            DROP TABLE IF EXISTS event_keys;
            DROP TABLE IF EXISTS key_index;
            CREATE INDEX IF NOT EXISTS events_unit ON events (unit, seq) WHERE unit IS NOT NULL;
            CREATE INDEX IF NOT EXISTS events_agency ON events (agency, seq) WHERE agency IS NOT NULL;
            PRAGMA wal_checkpoint(TRUNCATE);
            """;
        command.ExecuteNonQuery();
    }
}
