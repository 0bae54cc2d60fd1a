using System.Diagnostics;
using System.Text;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.History;
using IOC.History.Influx;
using IOC.History.Store;
using IOC.History.Writing;

namespace IOC.Bench;

/// <summary>
/// History writer throughput against InfluxDB, and the raw baseline measured in the same run: the same points, as
/// line protocol formatted beforehand, posted by a bare HttpClient loop in batches of the same size. The writer's
/// figure is its drain of a full buffer (an outage's backlog, or a busy day): take pending rows, format, post, mark
/// written. Saving the ticks into the buffer (the tick path) is timed separately. A private influxd, fresh databases.
/// </summary>
public static class HistoryWriteBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var ticks = Day(options);
        await using var influx = await InfluxServer.StartAsync();
        var writer = new List<double>();
        var raw = new List<double>();
        var rawPaired = new List<double>();
        var save = new List<double>();
        var points = 0;
        for (var run = 0; run <= options.Runs; run++)
        {
            using var folder = new TempDir();
            var historyOptions = new HistoryOptions { BatchSize = options.Batch, MaxBufferedMinutePoints = 1_000_000 };
            var retention = Retention.From(historyOptions);
            using var buffer = new HistoryBuffer(Path.Combine(folder.Path, "history-buffer.db"), retention, historyOptions.MaxBufferedMinutePoints);
            var saving = Stopwatch.StartNew();
            foreach (var tick in ticks)
            {
                buffer.Save(tick, DateTimeOffset.UtcNow);
            }

            saving.Stop();
            points = buffer.Pending;
            var lines = Lines(buffer, options.Batch);

            // Rotate which goes first, so none always meets a warmer (or busier) influxd.
            double rawRate = 0, pairedRate = 0, writerRate = 0;
            for (var leg = 0; leg < 3; leg++)
            {
                switch ((leg + run) % 3)
                {
                    case 0:
                        rawRate = points / (await PostRawAsync(influx.Url, $"raw{run}", lines, retention, inFlight: 1)).TotalSeconds;
                        break;
                    case 1:
                        pairedRate = points / (await PostRawAsync(influx.Url, $"rawtwo{run}", lines, retention, inFlight: 2)).TotalSeconds;
                        break;
                    default:
                        writerRate = points / (await DrainAsync(influx.Url, $"writer{run}", buffer, historyOptions, retention)).TotalSeconds;
                        break;
                }
            }

            if (run > 0)
            {
                writer.Add(writerRate);
                raw.Add(rawRate);
                rawPaired.Add(pairedRate);
                save.Add(points / saving.Elapsed.TotalSeconds);
            }

            Console.WriteLine($"run {run}{(run == 0 ? " (warm-up)" : "")}: {points:N0} points; writer {writerRate:N0}/s, raw {rawRate:N0}/s ({100 * writerRate / rawRate:0}%), raw two in flight {pairedRate:N0}/s ({100 * writerRate / pairedRate:0}%), save {points / saving.Elapsed.TotalSeconds:N0} rows/s");
        }

        var ratio = BenchOptions.Median(writer.Zip(raw, (w, r) => w / r));
        var pairedRatio = BenchOptions.Median(writer.Zip(rawPaired, (w, r) => w / r));
        Console.WriteLine($"history writer:        runs {string.Join(" | ", writer.Select(r => r.ToString("N0")))} points/s");
        Console.WriteLine($"raw HttpClient loop:   runs {string.Join(" | ", raw.Select(r => r.ToString("N0")))} points/s");
        Console.WriteLine($"raw, two in flight:    runs {string.Join(" | ", rawPaired.Select(r => r.ToString("N0")))} points/s");
        Console.WriteLine($"buffer save (ticks):   runs {string.Join(" | ", save.Select(r => r.ToString("N0")))} rows/s");
        Console.WriteLine($"medians over {writer.Count} runs on {Environment.ProcessorCount} cores: writer {BenchOptions.Median(writer):N0} points/s, raw loop {BenchOptions.Median(raw):N0} ({100 * ratio:0}% of it, median of per-run ratios), raw two in flight {BenchOptions.Median(rawPaired):N0} ({100 * pairedRatio:0}%); buffer save {BenchOptions.Median(save):N0} rows/s");
        return 0;
    }

    /// <summary>A simulated day up to now for every unit, one save per minute (each unit's changes of that minute).</summary>
    private static List<List<UnitChanges>> Day(BenchOptions options)
    {
        var rng = new Random(2025);
        // The city's series comes from its wards' changes in the same saves, as in the app.
        var units = HistoryData.Units().Where(u => u.Level != UnitLevel.City).ToArray();
        var now = VietnamTime.MinuteKey(DateTimeOffset.UtcNow);
        var minutes = Math.Max(1, options.Events);
        var ticks = new List<List<UnitChanges>>(minutes);
        for (var minute = now - minutes; minute < now; minute++)
        {
            var hour = (int)(minute / 60 % 24);
            ticks.Add(units.Select(u => new UnitChanges(u, HistoryData.Minute(rng, minute, hour), null, new FoldCut(minute, []))).ToList());
        }

        return ticks;
    }

    /// <summary>The buffer's pending points as line protocol, per retention policy, in batches: what the raw loop posts.</summary>
    private static List<(string Policy, string Lines)> Lines(HistoryBuffer buffer, int batch)
    {
        var batches = new List<(string, string)>();
        foreach (var resolution in buffer.PeekPending().Select(i => i.ToPoint()).GroupBy(p => p.Resolution))
        {
            foreach (var chunk in resolution.Chunk(batch))
            {
                var text = new StringBuilder(chunk.Length * 200);
                foreach (var p in chunk)
                {
                    text.Append(LineProtocol.Line(p.Measurement.Name, InfluxHistoryStore.Tags(p.Series, p.Measurement), p.Measurement.Fields, p.Values, p.TimestampNs));
                }

                batches.Add((InfluxHistoryStore.RetentionPolicy(resolution.Key), text.ToString()));
            }
        }

        return batches;
    }

    /// <param name="inFlight">1: a plain loop, one request after the other; 2: two requests at a time, like the writer.</param>
    private static async Task<TimeSpan> PostRawAsync(Uri url, string database, List<(string Policy, string Lines)> batches, Retention retention, int inFlight)
    {
        await using (var schema = new InfluxHistoryStore(new InfluxClient(url, TimeSpan.FromSeconds(60)), database, retention))
        {
            await schema.EnsureSchemaAsync(default);
        }

        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        var stopwatch = Stopwatch.StartNew();
        var next = -1;
        async Task PostLoopAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Count)
            {
                var (policy, lines) = batches[i];
                using var content = new StringContent(lines, Encoding.UTF8, "text/plain");
                using var response = await http.PostAsync($"write?db={database}&rp={policy}&precision=ns", content);
                response.EnsureSuccessStatusCode();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => PostLoopAsync()));
        return stopwatch.Elapsed;
    }

    private static async Task<TimeSpan> DrainAsync(Uri url, string database, HistoryBuffer buffer, HistoryOptions options, Retention retention)
    {
        await using var store = new InfluxHistoryStore(new InfluxClient(url, TimeSpan.FromSeconds(60)), database, retention);
        await store.EnsureSchemaAsync(default);
        await using var writer = new HistoryWriter(buffer, store, options, TimeProvider.System);
        var stopwatch = Stopwatch.StartNew();
        if (!await writer.DrainAsync(TimeSpan.FromMinutes(10), default) || buffer.Pending > 0)
        {
            throw new InvalidOperationException($"The writer did not drain: {writer.LastError}");
        }

        return stopwatch.Elapsed;
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("ioc-bench-history-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
