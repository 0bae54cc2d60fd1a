using System.Diagnostics;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.History;
using IOC.History.Postgres;
using IOC.History.Store;
using IOC.History.Writing;
using IOC.Testing.Hosting;

namespace IOC.Bench;

/// <summary>
/// The writer's save (the tick path) in both modes, in one run: the same simulated minutes of every unit's deltas
/// saved one minute per save into this node's buffer file (SQLite, then written out by the loop: not timed here) and
/// into the shared PostgreSQL store (the save is the write: deltas added to the rows, checkpoints moved, one
/// transaction). A private PostgreSQL from scripts/postgres.sh; a fresh file and a fresh database per run.
/// </summary>
public static class HistorySaveBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var ticks = Ticks(options.Events);
        var folder = Directory.CreateTempSubdirectory("ioc-bench-postgres-").FullName;
        var connection = (await ScriptAsync("start", folder)).Trim().Split('\n')[^1];
        try
        {
            var sqlite = new List<(double Rows, double Ms)>();
            var postgres = new List<(double Rows, double Ms)>();
            for (var run = 0; run <= options.Runs; run++)
            {
                var retention = Retention.From(new HistoryOptions());
                var dir = Directory.CreateTempSubdirectory("ioc-bench-buffer-").FullName;
                using var buffer = new HistoryBuffer(Path.Combine(dir, "history-buffer.db"), retention, 1_000_000);
                await using var store = new PostgresHistoryStore(await DatabaseAsync(connection, $"save{run}"), retention, TimeProvider.System);
                await store.EnsureSchemaAsync(default);

                // Alternate which goes first, so neither always meets a warmer machine.
                var first = run % 2 == 0;
                var a = Time(first ? buffer : store, ticks);
                var b = Time(first ? store : buffer, ticks);
                var (s, p) = first ? (a, b) : (b, a);
                Console.WriteLine($"run {run}{(run == 0 ? " (warm-up)" : "")}: {ticks.Count} saves of {ticks[0].Count} units; SQLite buffer {s.Rows:N0} rows/s, {s.Ms:0.00} ms/save; PostgreSQL {p.Rows:N0} rows/s, {p.Ms:0.00} ms/save");
                if (run > 0)
                {
                    sqlite.Add(s);
                    postgres.Add(p);
                }

                buffer.Dispose();
                Directory.Delete(dir, recursive: true);
            }

            Console.WriteLine($"SQLite buffer save: runs {string.Join(" | ", sqlite.Select(r => r.Rows.ToString("N0")))} rows/s; median {BenchOptions.Median(sqlite.Select(r => r.Ms)):0.00} ms per save");
            Console.WriteLine($"PostgreSQL save:    runs {string.Join(" | ", postgres.Select(r => r.Rows.ToString("N0")))} rows/s; median {BenchOptions.Median(postgres.Select(r => r.Ms)):0.00} ms per save");
            Console.WriteLine($"medians over {sqlite.Count} runs on {Environment.ProcessorCount} cores: SQLite {BenchOptions.Median(sqlite.Select(r => r.Rows)):N0} rows/s, PostgreSQL {BenchOptions.Median(postgres.Select(r => r.Rows)):N0} rows/s");
            return 0;
        }
        finally
        {
            await ScriptAsync("stop", folder);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (double Rows, double Ms) Time(IHistoryLedger ledger, List<List<UnitChanges>> ticks)
    {
        var rows = 0L;
        var clock = Stopwatch.StartNew();
        foreach (var tick in ticks)
        {
            rows += ledger.Save(tick, DateTimeOffset.UtcNow);
        }

        clock.Stop();
        return (rows / clock.Elapsed.TotalSeconds, clock.Elapsed.TotalMilliseconds / ticks.Count);
    }

    /// <summary>One save per simulated minute, each with every unit's minute deltas (the city's rows come from its wards').</summary>
    private static List<List<UnitChanges>> Ticks(int minutes)
    {
        var rng = new Random(2025);
        var units = HistoryData.Units().Where(u => u.Level != UnitLevel.City).ToArray();
        var now = VietnamTime.MinuteKey(DateTimeOffset.UtcNow);
        var ticks = new List<List<UnitChanges>>(minutes);
        for (var minute = now - Math.Max(1, minutes); minute < now; minute++)
        {
            var hour = (int)(minute / 60 % 24);
            ticks.Add(units.Select(u => new UnitChanges(u, HistoryData.Minute(rng, minute, hour), null, new FoldCut(minute, []))).ToList());
        }

        return ticks;
    }

    private static async Task<string> DatabaseAsync(string connection, string name)
    {
        await using var admin = new Npgsql.NpgsqlConnection(connection);
        await admin.OpenAsync();
        await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", admin);
        await create.ExecuteNonQueryAsync();
        return new Npgsql.NpgsqlConnectionStringBuilder(connection) { Database = name }.ToString();
    }

    private static async Task<string> ScriptAsync(string command, string folder)
    {
        var script = Path.Combine(AppProcess.RepoRoot(), "scripts", "postgres.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, command, folder]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"postgres.sh {command}: {await error}");
    }
}
