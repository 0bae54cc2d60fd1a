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
/// delivered as ingestion delivers them: each batch split into one call per unit, each unit's batches one after another,
/// up to --inflight batches at once (ingestion's group commit delivers a group while the next commits: 2); no parsing,
/// no storage: the hot path's ceiling. Events come from the simulator so the mix is realistic.
/// </summary>
public static class FoldBenchmark
{
    /// <summary>Batches between two hand-overs in the plain loop: a grain's 250-ms tick at about a million events/s.</summary>
    private const int TickBatches = 250;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var units = BenchOptions.Units();
        var events = Simulate(units, options.Events);
        await using var silo = await BenchSilo.StartAsync(units);
        Console.WriteLine($"fold: {events.Count:N0} simulated events in batches of {options.Batch}, through Orleans grains (one call per unit per batch, {options.InFlight} batch(es) in flight)");

        var rates = new List<double>();
        var perCpuSecond = new List<double>();
        var seq = 0L;
        for (var run = 0; run <= options.Runs; run++)
        {
            // Fresh sequence numbers every run: the grains fold them all (a repeated number would be skipped as delivered).
            var batches = events.Select(e => new InboxEvent(++seq, e)).Chunk(options.Batch).ToArray();
            SettleHeap();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            var inFlight = new Queue<Task>();
            foreach (var batch in batches)
            {
                // As ingestion with group commit: the next batch starts while the one before is still being folded
                // (each unit still gets its batches in order); --inflight 1 awaits each batch before the next.
                if (inFlight.Count == options.InFlight)
                {
                    await inFlight.Dequeue();
                }

                inFlight.Enqueue(silo.Delivery.DeliverAsync(batch, batch[^1].Seq));
            }

            await Task.WhenAll(inFlight);
            stopwatch.Stop();
            var rate = events.Count / stopwatch.Elapsed.TotalSeconds;
            if (run > 0)
            {
                rates.Add(rate); // run 0 warms up the JIT
                perCpuSecond.Add(events.Count / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
            }
        }

        BenchOptions.Report($"fold (Orleans grains, {options.InFlight} in flight)", rates);

        // Events per second of the process's CPU time (both cores, GC and timers included): less bent by other load on
        // a shared machine than the wall clock, and the ceiling the wall clock would reach on two free cores is twice it.
        BenchOptions.Report($"fold (Orleans grains, {options.InFlight} in flight) per CPU second", perCpuSecond);
        var (plain, plainCpu, plainThread) = PlainLoop(events, units, options, out _);
        BenchOptions.Report("fold (the same folds in one loop, no Orleans)", plain);
        BenchOptions.Report("fold (the same folds in one loop, no Orleans) per CPU second", plainCpu);
        BenchOptions.Report("fold (the same folds in one loop, no Orleans) per second of the loop thread's CPU", plainThread);
        return 0;
    }

    /// <summary>
    /// Only the plain loop (<c>fold-loop</c>): the fold's own cost per event without a silo's threads around it, for a
    /// CPU profile of <see cref="UnitFold.Fold"/> (<c>dotnet-trace collect -- dotnet IOC.Bench.dll fold-loop</c>).
    /// </summary>
    public static int RunLoop(BenchOptions options)
    {
        var units = BenchOptions.Units();
        var events = Simulate(units, options.Events);
        Console.WriteLine($"fold-loop: {events.Count:N0} simulated events in batches of {options.Batch}, the plain loop only");
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var (plain, plainCpu, plainThread) = PlainLoop(events, units, options, out var held);

        // The batches a run builds allocate the same in every build; what differs between builds is the fold's garbage.
        Console.WriteLine($"fold-loop: {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)events.Count / (options.Runs + 1):N1} bytes allocated per event (batches included); collections gen0/1/2 {GC.CollectionCount(0) - collections.Item1}/{GC.CollectionCount(1) - collections.Item2}/{GC.CollectionCount(2) - collections.Item3}");
        Console.WriteLine($"fold-loop: the folds hold {held.Bytes / 1048576.0:N1} MiB of heap with {held.OpenItems:N0} open dossiers and tickets");
        BenchOptions.Report("fold (one loop, no Orleans)", plain);
        BenchOptions.Report("fold (one loop, no Orleans) per CPU second", plainCpu);
        BenchOptions.Report("fold (one loop, no Orleans) per second of the loop thread's CPU", plainThread);
        return 0;
    }

    /// <summary><paramref name="count"/> events from the simulator (seed 7, all units), so the mix is realistic and the same every time.</summary>
    private static List<IocEvent> Simulate(UnitCatalog units, int count)
    {
        var start = new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.FromHours(7));
        var generator = new TrafficGenerator(units, seed: 7, eventsPerSecond: 400);
        var events = new List<IocEvent>(count);
        for (var from = start; events.Count < count; from = from.AddHours(1))
        {
            events.AddRange(generator.Generate(from, from.AddHours(1)));
        }

        events.RemoveRange(count, events.Count - count);
        return events;
    }

    /// <summary>
    /// The baseline in the same run: the same batches split the same way into the same <see cref="UnitFold"/>s, called
    /// directly on one thread (what the retired shard loops did, without their channels). The gap is Orleans' cost.
    /// </summary>
    /// <param name="held">The heap the folds hold after the last run (the whole heap with them less the heap without), and their open items.</param>
    private static (List<double> Rates, List<double> PerCpuSecond, List<double> PerThreadSecond) PlainLoop(
        List<IocEvent> events, UnitCatalog units, BenchOptions options, out (long Bytes, long OpenItems) held)
    {
        var folds = new Dictionary<UnitKey, UnitFold>();
        var rates = new List<double>();
        var perCpuSecond = new List<double>();
        var perThreadSecond = new List<double>();
        var seq = 0L;
        for (var run = 0; run <= options.Runs; run++)
        {
            var batches = events.Select(e => new InboxEvent(++seq, e)).Chunk(options.Batch).ToArray();
            SettleHeap();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var thread = ThreadCpu.Now();
            var stopwatch = Stopwatch.StartNew();
            for (var b = 0; b < batches.Length; b++)
            {
                var batch = batches[b];
                if (b % TickBatches == TickBatches - 1)
                {
                    // What a grain's timer does: hand its changes over (the history sink's part is not timed here).
                    foreach (var fold in folds.Values)
                    {
                        fold.TakeChanges();
                    }
                }

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
                perCpuSecond.Add(events.Count / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
                perThreadSecond.Add(events.Count / (ThreadCpu.Now() - thread).TotalSeconds);
            }
        }

        var withFolds = GC.GetTotalMemory(forceFullCollection: true);
        var openItems = folds.Values.Sum(f => (long)f.Footprint().OpenDossiers + f.Footprint().OpenTickets);
        folds.Clear();
        folds.TrimExcess();
        held = (withFolds - GC.GetTotalMemory(forceFullCollection: true), openItems);
        return (rates, perCpuSecond, perThreadSecond);
    }

    /// <summary>
    /// The batches of a run are made before its clock starts and the last run's become garbage: collect both now, so
    /// the timed part pays only for the garbage the fold makes (ingestion's batches die young, they are never a
    /// 4-million-event live set promoted through the generations while the clock runs).
    /// </summary>
    private static void SettleHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
