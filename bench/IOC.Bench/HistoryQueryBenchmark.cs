using System.Diagnostics;
using System.Globalization;
using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.History;
using IOC.History.Influx;
using IOC.History.Model;
using IOC.History.Sqlite;
using IOC.History.Store;
using IOC.Testing.Hosting;

namespace IOC.Bench;

/// <summary>
/// The ward drill-down over 90 days with 90 days of simulated history for every unit loaded (hours for 90 days, days
/// for 180, minutes for the last 48 h, dossiers per procedure), on the embedded SQLite store and on InfluxDB. The real
/// server (Release, Production) answers; each request's server time comes from its Server-Timing header.
/// </summary>
public static class HistoryQueryBenchmark
{
    private const string Ward = "00082";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var now = DateTimeOffset.UtcNow;
        var retention = Retention.From(new HistoryOptions());
        var data = Directory.CreateTempSubdirectory("ioc-bench-query-").FullName;
        try
        {
            await using var influx = await InfluxServer.StartAsync();
            await using (var sqlite = new SqliteHistoryStore(Path.Combine(data, "history.db"), retention, TimeProvider.System))
            await using (var influxStore = new InfluxHistoryStore(new InfluxClient(influx.Url, TimeSpan.FromSeconds(120)), "bench", retention))
            {
                await sqlite.EnsureSchemaAsync(default);
                await influxStore.EnsureSchemaAsync(default);
                var loaded = await LoadAsync([sqlite, influxStore], now);
                Console.WriteLine($"loaded {loaded:N0} points into each store");
                await StoreOnlyAsync("sqlite", sqlite, options, now);
                await StoreOnlyAsync("influxdb", influxStore, options, now);
            }

            await MeasureAsync("sqlite", options, new AppProcessOptions { Configuration = "Release", DataDir = data, Settings = Production() }, now);
            var influxData = Directory.CreateTempSubdirectory("ioc-bench-query-influx-").FullName;
            var settings = Production();
            settings["History__Store"] = "influxdb";
            settings["History__InfluxUrl"] = influx.Url.ToString();
            settings["History__Database"] = "bench";
            await MeasureAsync("influxdb", options, new AppProcessOptions { Configuration = "Release", DataDir = influxData, Settings = settings }, now);
            Directory.Delete(influxData, recursive: true);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }

        return 0;
    }

    private static Dictionary<string, string> Production() => new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" };

    /// <summary>Requests of the 90-day drill-down of one ward, each timed by the server; medians over the runs.</summary>
    private static async Task MeasureAsync(string store, BenchOptions options, AppProcessOptions app, DateTimeOffset now)
    {
        using var server = await AppProcess.StartAsync(app);
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        var from = Q(now.AddDays(-90));
        var to = Q(now);
        var requests = new (string Name, string Url)[]
        {
            ("summary: every KPI, previous 90 days, city", $"/api/v1/history/units/{Ward}/summary?from={from}&to={to}"),
            ("dossiers by channel and procedure", $"/api/v1/history/units/{Ward}/dossiers?from={from}&to={to}"),
            ("series step=1d, 90 days", $"/api/v1/history/units/{Ward}?kpi=dossier.onTimeRate&from={from}&to={to}&step=1d"),
            ("series step=1h, 83 days (1,992 points)", $"/api/v1/history/units/{Ward}?kpi=dossier.onlineRate&from={Q(now.AddDays(-83))}&to={to}&step=1h"),
        };
        var local = VietnamTime.LocalDate(now);
        var reviews = new (string Name, string Url)[]
        {
            ("review: this quarter, 4 agencies, daily trends", $"/api/v1/review?period=quarter&value={local.Year}-Q{((local.Month - 1) / 3) + 1}"),
            ("review: this year, monthly trends", $"/api/v1/review?period=year&value={local.Year}"),
            ("psi: this quarter, 126 wards + 4 agencies", $"/api/v1/psi?period=quarter&value={local.Year}-Q{((local.Month - 1) / 3) + 1}"),
            ("review as Excel: this year", $"/api/v1/review?period=year&value={local.Year}&format=xlsx"),
            ("review as PDF: this year (Chromium print)", $"/api/v1/review?period=year&value={local.Year}&format=pdf"),
        };
        requests = [.. requests, .. reviews];
        var server_ = requests.ToDictionary(r => r.Name, _ => new List<double>());
        var client = requests.ToDictionary(r => r.Name, _ => new List<double>());
        var totals = new List<double>();
        for (var run = 0; run <= options.Runs; run++)
        {
            var total = 0.0;
            foreach (var (name, url) in requests)
            {
                var drillDown = !reviews.Any(r => r.Name == name);
                var stopwatch = Stopwatch.StartNew();
                using var response = await http.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                var elapsed = stopwatch.Elapsed.TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {body}");
                }

                var timing = response.Headers.GetValues("Server-Timing").Single();
                var serverMs = double.Parse(timing[(timing.IndexOf("dur=", StringComparison.Ordinal) + 4)..], CultureInfo.InvariantCulture);
                if (drillDown)
                {
                    total += serverMs;
                }
                if (run > 0)
                {
                    server_[name].Add(serverMs);
                    client[name].Add(elapsed);
                }
            }

            if (run > 0)
            {
                totals.Add(total);
            }
        }

        Console.WriteLine($"{store}: 90-day drill-down of ward {Ward}, medians of {options.Runs} runs (server ms | client ms):");
        foreach (var (name, _) in requests)
        {
            Console.WriteLine($"  {name,-50} {BenchOptions.Median(server_[name]),7:0.0} | {BenchOptions.Median(client[name]),7:0.0}   runs {string.Join(" ", server_[name].Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)))}");
        }

        Console.WriteLine($"  {"all four drill-down requests",-45} {BenchOptions.Median(totals),7:0.0}   runs {string.Join(" ", totals.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)))}");
    }

    /// <summary>
    /// The store alone, in-process: 90 days of one ward's hourly buckets with all 35 counters (2,160 steps, more than
    /// the API's 2,000-point limit allows in one series).
    /// </summary>
    private static async Task StoreOnlyAsync(string name, IHistoryStore store, BenchOptions options, DateTimeOffset now)
    {
        var to = Resolutions.Ceiling(now.ToUnixTimeMilliseconds(), TimeSpan.FromHours(1));
        var query = new HistoryQuery(Measurement.Counters, Resolution.Hour, to - (long)TimeSpan.FromDays(90).TotalMilliseconds, to, new UnitKey(UnitLevel.Ward, Ward), TimeSpan.FromHours(1));
        var times = new List<double>();
        var rows = 0;
        for (var run = 0; run <= options.Runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            rows = (await store.QueryAsync([query], default))[0].Count;
            if (run > 0)
            {
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine($"{name}: store only, 90 days of hourly buckets of ward {Ward}, all counters ({rows:N0} steps): median {BenchOptions.Median(times):0.0} ms, runs {string.Join(" ", times.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)))}");
    }

    /// <summary>Writes the simulated history into every store; returns the number of points.</summary>
    private static async Task<int> LoadAsync(IHistoryStore[] stores, DateTimeOffset now)
    {
        var rng = new Random(90);
        var units = HistoryData.Units();
        var nowMs = now.ToUnixTimeMilliseconds();
        var lastHour = Resolutions.Floor(nowMs, TimeSpan.FromHours(1));
        var hours = (int)TimeSpan.FromDays(90).TotalHours;
        var points = new List<HistoryPoint>(60_000);
        var total = 0;
        long id = 0;
        async Task FlushAsync(bool all)
        {
            if (points.Count >= 50_000 || (all && points.Count > 0))
            {
                foreach (var store in stores)
                {
                    foreach (var chunk in points.Chunk(5000))
                    {
                        await store.WriteAsync(chunk, default);
                    }
                }

                total += points.Count;
                points.Clear();
            }
        }

        foreach (var unit in units)
        {
            var days = new Dictionary<long, long[]>();
            var procedureDays = new Dictionary<(long, string, string), long[]>();
            for (var h = (int)TimeSpan.FromDays(180).TotalHours; h >= 0; h--)
            {
                var start = lastHour - (h * 3_600_000L);
                var localHour = (int)((start / 3_600_000 + 7) % 24);
                var counters = HistoryData.Counters(rng, localHour, 60);
                var values = Values(counters);
                var day = Resolutions.Floor(start, TimeSpan.FromDays(1));
                Accumulate(days, day, values);
                if (h < hours)
                {
                    points.Add(new HistoryPoint(Measurement.Counters, Resolution.Hour, new SeriesKey(unit), start, id++ % HistoryPoint.PointIdSpace, values));
                }

                if (unit.Level == UnitLevel.Ward && counters[Counter.DossiersReceived] > 0)
                {
                    // Four procedure and channel pairs share the hour's dossiers.
                    for (var p = 0; p < 4; p++)
                    {
                        var procedure = HistoryData.Procedures[rng.Next(HistoryData.Procedures.Length)];
                        var channel = p % 2 == 0 ? "online" : "in_person";
                        long[] counts = [Math.Max(1, counters[Counter.DossiersReceived] / 4), counters[Counter.DossiersCompleted] / 4, p == 0 ? 1 : 0];
                        Accumulate(procedureDays, (day, procedure, channel), counts);
                        if (h < hours)
                        {
                            points.Add(new HistoryPoint(Measurement.Procedures, Resolution.Hour, new SeriesKey(unit, procedure, channel), start, id++ % HistoryPoint.PointIdSpace, counts));
                        }
                    }
                }

                await FlushAsync(all: false);
            }

            points.AddRange(days.Select(d => new HistoryPoint(Measurement.Counters, Resolution.Day, new SeriesKey(unit), d.Key, id++ % HistoryPoint.PointIdSpace, d.Value)));
            points.AddRange(procedureDays.Select(d => new HistoryPoint(Measurement.Procedures, Resolution.Day, new SeriesKey(unit, d.Key.Item2, d.Key.Item3), d.Key.Item1, id++ % HistoryPoint.PointIdSpace, d.Value)));
            for (var m = 48 * 60; m > 0; m--)
            {
                var minute = Resolutions.Floor(nowMs, TimeSpan.FromMinutes(1)) - (m * 60_000L);
                points.Add(new HistoryPoint(Measurement.Counters, Resolution.Minute, new SeriesKey(unit), minute, id++ % HistoryPoint.PointIdSpace, Values(HistoryData.Counters(rng, (int)((minute / 3_600_000 + 7) % 24), 1))));
            }

            await FlushAsync(all: false);
        }

        await FlushAsync(all: true);
        return total;
    }

    private static long[] Values(CounterSet counters)
    {
        var values = new long[CounterSet.Size];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = counters[i];
        }

        return values;
    }

    private static void Accumulate<TKey>(Dictionary<TKey, long[]> sums, TKey key, long[] values)
        where TKey : notnull
    {
        if (!sums.TryGetValue(key, out var sum))
        {
            sums[key] = sum = new long[values.Length];
        }

        for (var i = 0; i < values.Length; i++)
        {
            sum[i] += values[i];
        }
    }

    private static string Q(DateTimeOffset at) => Uri.EscapeDataString(VietnamTime.ToLocal(at).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
}
