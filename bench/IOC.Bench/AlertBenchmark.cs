using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using IOC.Alerts.Rules;
using IOC.Domain.Calendar;
using IOC.Domain.Kpis;
using IOC.Domain.Seed;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Rules;
using IOC.Grains.Delivery;
using IOC.Grains.Fold;
using IOC.Grains.Messages;
using IOC.Ingestion.Simulation;
using IOC.Testing.Hosting;

namespace IOC.Bench;

/// <summary>
/// What alerts cost (issue 13). First the evaluation alone: every unit's <see cref="UnitAlertBook"/> judging the shipped
/// rules (seed-data/alert-rules.csv) on a folded working morning, one tick of every unit timed as a whole, for Hanoi
/// (126 wards, the agencies, the city) and for the whole country (3,321 communes, the provinces' agencies and direct
/// work, the country). A grain pays its unit's share on its own timer; the sum is the CPU a silo spends per second when
/// every unit's figures change every second (the rules are judged at most once a tick, at least once a second).
/// Then the ingest benchmark with alerts on (the default) and off (<c>Alerts:Enabled=false</c>), runs interleaved.
/// </summary>
public static class AlertBenchmark
{
    private const string Key = "bench-producer-key";

    /// <summary>Three hours at this rate fold about 430,000 events: every Hanoi ward has figures, most communes some.</summary>
    private const int MorningEventsPerSecond = 40;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var seed = SeedData.Locate();
        var calendar = HolidayFile.Load(seed);
        // The shipped rules as a Hanoi deployment checks them: the country has no national target for the city-scope
        // hotline rules (the checker refuses them against the national catalogue); judged here all the same (as the
        // most they can cost), they find no target and read nothing.
        var hanoi = SeedData.LoadUnits(seed, DeploymentScope.Hanoi);
        var rules = AlertRulesFile.Load(seed, new AlertRuleChecker(hanoi, SeedData.LoadTargets(seed, hanoi)));
        Evaluate("Hanoi", hanoi, rules, seed, calendar, options);
        Evaluate("country", SeedData.LoadUnits(seed, DeploymentScope.Country), rules, seed, calendar, options);

        return options.Events > 0 ? await IngestAsync(options) : 0;
    }

    private static void Evaluate(string name, UnitCatalog units, IReadOnlyList<AlertRule> rules, string seed, WorkingCalendar calendar, BenchOptions options)
    {
        var targets = SeedData.LoadTargets(seed, units);
        var config = new AlertConfig(1, rules, []);
        var context = new AlertContext(units, targets, new OfficeHours(calendar, OfficeHours.DefaultSpans));

        // A working Wednesday morning: 07:30 to 10:30 folded, ticks from 10:30 (office hours: the silent rule judges too).
        var start = new DateTimeOffset(2026, 11, 18, 7, 30, 0, TimeSpan.FromHours(7));
        var folds = Fold(units, start, start.AddHours(3), MorningEventsPerSecond);
        var now = start.AddHours(3);
        var books = folds.Keys.Select(key => new UnitAlertBook(key, context, TimeSpan.FromSeconds(1))).ToArray();
        var snapshots = books.Select(b => folds[b.Unit].Snapshot(now)).ToArray();
        var days = books.Select(b => (Func<int, CounterSet>)folds[b.Unit].Day).ToArray();
        var instances = books.Sum(b => rules.Count(r => r.Enabled && r.Scope.Covers(b.Unit)));
        Console.WriteLine($"alerts {name}: {books.Length:N0} units, {rules.Count} shipped rules, {instances:N0} instances; {folds.Values.Count(f => !f.Snapshot(now)[KpiWindow.Today].IsZero):N0} units with figures today");

        var perTick = new List<double>();
        var changes = 0;
        const int ticksPerRun = 20;
        for (var run = 0; run <= options.Runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            for (var tick = 0; tick < ticksPerRun; tick++)
            {
                now = now.AddSeconds(1);
                for (var i = 0; i < books.Length; i++)
                {
                    changes += books[i].Evaluate(config, new AlertFigures(snapshots[i], days[i], now.AddMinutes(-1)), now).Count;
                }
            }

            stopwatch.Stop();
            if (run > 0)
            {
                perTick.Add(stopwatch.Elapsed.TotalMilliseconds / ticksPerRun); // run 0 warms the JIT
            }
        }

        var median = BenchOptions.Median(perTick);
        Console.WriteLine($"alerts {name}: ms per tick of every unit: {string.Join(" | ", perTick.Select(v => v.ToString("N2")))}; median {median:N2} ms " +
            $"({median * 1000 / Math.Max(1, instances):N2} µs per instance; {median / 10:N2} % of one core at one tick a second); {changes:N0} changes recorded");
    }

    /// <summary>The units' folds after a simulated stretch: wards, agencies, direct work as the grains fold them, and
    /// every event into its province and the head as well (their figures are roll-ups of the same events).</summary>
    private static Dictionary<UnitKey, UnitFold> Fold(UnitCatalog units, DateTimeOffset from, DateTimeOffset to, int eventsPerSecond)
    {
        var folds = units.All.ToDictionary(u => u.Key, u => new UnitFold(u.Key));
        var generator = new TrafficGenerator(units, seed: 13, eventsPerSecond: eventsPerSecond);
        var seq = 0L;
        for (var at = from; at < to; at = at.AddMinutes(10))
        {
            var batch = generator.Generate(at, at.AddMinutes(10)).Select(e => new InboxEvent(++seq, e)).ToArray();
            foreach (var (key, list) in EventDelivery.Split(batch, agency => UnitCatalog.DirectWorkOf(units.ProvinceOf(new UnitKey(UnitLevel.Agency, agency))?.Code ?? units.Head.Code)))
            {
                Into(folds, key, list, seq);
                if (key.Level == UnitLevel.Ward && units.ProvinceOf(key) is { } province && province.Key != units.Head.Key)
                {
                    Into(folds, province.Key, list, seq);
                }
            }

            Into(folds, units.Head.Key, batch, seq);
        }

        return folds;
    }

    private static void Into(Dictionary<UnitKey, UnitFold> folds, UnitKey key, IReadOnlyList<InboxEvent> events, long through)
    {
        if (!folds.TryGetValue(key, out var fold))
        {
            folds[key] = fold = new UnitFold(key);
        }

        fold.Fold(events, through);
    }

    /// <summary>The ingest benchmark with alerts on and off in one invocation, interleaved (off, on, off, on…).</summary>
    private static async Task<int> IngestAsync(BenchOptions options)
    {
        var batches = IngestBenchmark.Prepare(options);
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)));
        var off = new List<double>();
        var on = new List<double>();
        var offCpu = new List<double>();
        var onCpu = new List<double>();
        for (var run = 0; run <= options.Runs; run++)
        {
            foreach (var alerts in new[] { false, true })
            {
                using var server = await AppProcess.StartAsync(new AppProcessOptions
                {
                    Configuration = "Release",
                    Settings = new Dictionary<string, string>
                    {
                        ["ASPNETCORE_ENVIRONMENT"] = "Production",
                        ["Ingestion__ApiKeys__0"] = digest,
                        ["Alerts__Enabled"] = alerts ? "true" : "false",
                    },
                });
                var cpuBefore = TelemetryBenchmark.CpuSeconds(server.Pid);
                var (acknowledged, elapsed) = await IngestBenchmark.PostAllAsync(server.Address, batches, options.Clients, Key);
                var cpu = TelemetryBenchmark.CpuSeconds(server.Pid) - cpuBefore;
                if (acknowledged != options.Events)
                {
                    Console.Error.WriteLine($"run {run}: only {acknowledged} of {options.Events} events acknowledged");
                    return 1;
                }

                if (run > 0)
                {
                    (alerts ? on : off).Add(acknowledged / elapsed.TotalSeconds);
                    (alerts ? onCpu : offCpu).Add(cpu * 1e6 / acknowledged);
                }
            }
        }

        BenchOptions.Report("ingest, alerts off", off);
        BenchOptions.Report("ingest, alerts on ", on);
        Console.WriteLine($"alerts cost {1 - (BenchOptions.Median(on) / BenchOptions.Median(off)):P1} of the median ingest rate (goal: at most 5 %)");

        // Wall-clock rates swing with whatever else the machine runs; the server's own CPU time per event much less.
        Console.WriteLine($"server CPU per event, alerts off: {string.Join(" | ", offCpu.Select(v => v.ToString("N2")))} µs; median {BenchOptions.Median(offCpu):N2} µs");
        Console.WriteLine($"server CPU per event, alerts on : {string.Join(" | ", onCpu.Select(v => v.ToString("N2")))} µs; median {BenchOptions.Median(onCpu):N2} µs");
        Console.WriteLine($"alerts cost {(BenchOptions.Median(onCpu) / BenchOptions.Median(offCpu)) - 1:P1} more server CPU per event (goal: at most 5 %)");
        return 0;
    }
}
