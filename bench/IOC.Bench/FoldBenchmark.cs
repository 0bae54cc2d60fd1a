using System.Diagnostics;
using IOC.Domain.Events;
using IOC.Domain.Units;
using IOC.Grains.Delivery;
using IOC.Grains.Fold;
using IOC.Grains.Messages;
using IOC.Ingestion.Simulation;

namespace IOC.Bench;

/// <summary>
/// Events folded into the Orleans grains per second, all 126 wards, the agencies, the city's direct work and the city,
/// delivered as ingestion delivers them: each batch split into one call per unit, batches one after another (no
/// parsing, no storage): the hot path's ceiling. Events come from the simulator so the mix is realistic.
/// </summary>
public static class FoldBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var units = BenchOptions.Units();
        var start = new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.FromHours(7));
        var generator = new TrafficGenerator(units, seed: 7, eventsPerSecond: 400);
        var events = new List<IocEvent>(options.Events);
        for (var from = start; events.Count < options.Events; from = from.AddHours(1))
        {
            events.AddRange(generator.Generate(from, from.AddHours(1)));
        }

        events.RemoveRange(options.Events, events.Count - options.Events);
        await using var silo = await BenchSilo.StartAsync(units);
        Console.WriteLine($"fold: {events.Count:N0} simulated events in batches of {options.Batch}, through Orleans grains (one call per unit per batch)");

        var rates = new List<double>();
        var seq = 0L;
        for (var run = 0; run <= options.Runs; run++)
        {
            // Fresh sequence numbers every run: the grains fold them all (a repeated number would be skipped as delivered).
            var batches = events.Select(e => new InboxEvent(++seq, e)).Chunk(options.Batch).ToArray();
            var stopwatch = Stopwatch.StartNew();
            foreach (var batch in batches)
            {
                await silo.Delivery.DeliverAsync(batch, batch[^1].Seq);
            }

            stopwatch.Stop();
            var rate = events.Count / stopwatch.Elapsed.TotalSeconds;
            if (run > 0)
            {
                rates.Add(rate); // run 0 warms up the JIT
            }
        }

        BenchOptions.Report("fold (Orleans grains)", rates);
        BenchOptions.Report("fold (the same folds in one loop, no Orleans)", PlainLoop(events, units, options));
        return 0;
    }

    /// <summary>
    /// The baseline in the same run: the same batches split the same way into the same <see cref="UnitFold"/>s, called
    /// directly on one thread (what the retired shard loops did, without their channels). The gap is Orleans' cost.
    /// </summary>
    private static List<double> PlainLoop(List<IocEvent> events, UnitCatalog units, BenchOptions options)
    {
        var folds = new Dictionary<UnitKey, UnitFold>();
        var rates = new List<double>();
        var seq = 0L;
        for (var run = 0; run <= options.Runs; run++)
        {
            var batches = events.Select(e => new InboxEvent(++seq, e)).Chunk(options.Batch).ToArray();
            var stopwatch = Stopwatch.StartNew();
            foreach (var batch in batches)
            {
                foreach (var (key, list) in EventDelivery.Split(batch, units.DirectWork))
                {
                    if (!folds.TryGetValue(key, out var fold))
                    {
                        folds[key] = fold = new UnitFold(key);
                    }

                    fold.Fold(list, batch[^1].Seq);
                }
            }

            stopwatch.Stop();
            if (run > 0)
            {
                rates.Add(events.Count / stopwatch.Elapsed.TotalSeconds);
            }
        }

        return rates;
    }
}
