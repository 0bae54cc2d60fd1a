using System.Diagnostics;
using IOC.Domain.Events;
using IOC.Grains.Routing;
using IOC.Ingestion.Simulation;

namespace IOC.Bench;

/// <summary>
/// Events folded into grains per second, all 126 wards and the agencies, through the router and shard loops
/// (no parsing, no storage): the hot path's ceiling. Events come from the simulator so the mix is realistic.
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
        var batches = events.Chunk(options.Batch).ToArray();
        Console.WriteLine($"fold: {events.Count:N0} simulated events in batches of {options.Batch}, {Environment.ProcessorCount} shards");

        var rates = new List<double>();
        for (var run = 0; run <= options.Runs; run++)
        {
            await using var router = new GrainRouter(new GrainOptions { Shards = Environment.ProcessorCount });
            var stopwatch = Stopwatch.StartNew();
            foreach (var batch in batches)
            {
                await router.PostAsync(batch);
            }

            // A collect is queued behind every delivery: when it answers, everything is folded.
            await router.CollectAsync(start, everything: false);
            stopwatch.Stop();
            var rate = events.Count / stopwatch.Elapsed.TotalSeconds;
            if (run > 0)
            {
                rates.Add(rate); // run 0 warms up the JIT
            }
        }

        BenchOptions.Report("fold", rates);
        return 0;
    }
}
