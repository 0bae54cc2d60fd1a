using IOC.Bench;

// dotnet run -c Release --project bench/IOC.Bench -- fold   [--events 4000000] [--runs 5]
// dotnet run -c Release --project bench/IOC.Bench -- fold-loop [--events 4000000] [--runs 5] [--batch 1000]   (the fold's plain loop only, no silo: for a CPU profile)
// dotnet run -c Release --project bench/IOC.Bench -- ingest [--events 1000000] [--runs 5] [--clients 4] [--warmup N] [--server-env NAME=VALUE]
// dotnet run -c Release --project bench/IOC.Bench -- pipeline [--events 1000000] [--runs 5]   (stages, no HTTP)
// dotnet run -c Release --project bench/IOC.Bench -- inbox-index [--events 1000000] [--runs 5]   (the inbox's move to its key index; a ward's tail read)
// dotnet run -c Release --project bench/IOC.Bench -- freshness [--rate 10000] [--seconds 20] [--runs 5]   (202 -> hub update)
// dotnet run -c Release --project bench/IOC.Bench -- fanout [--clients 1000] [--runs 5]   (hub delivery to many clients)
// dotnet run -c Release --project bench/IOC.Bench -- history-write [--events 1440 (minutes)] [--runs 5] [--batch 5000]   (needs influxd)
// dotnet run -c Release --project bench/IOC.Bench -- history-save [--events 240 (minutes)] [--runs 5]   (the save: SQLite buffer vs shared PostgreSQL; needs postgres)
// dotnet run -c Release --project bench/IOC.Bench -- history-query [--runs 5]   (90 days for every unit on SQLite and InfluxDB)
// dotnet run -c Release --project bench/IOC.Bench -- ingest-telemetry [--events 1000000] [--runs 5]   (telemetry off vs on, interleaved)
// dotnet run -c Release --project bench/IOC.Bench -- alerts [--events 1000000] [--runs 5]   (rule evaluation per tick, Hanoi and country; ingest alerts off vs on; --events 0 skips the ingest)
// dotnet run -c Release --project bench/IOC.Bench -- charts   (BenchmarkDotNet: one chart drawn as PNG/SVG)
// dotnet run -c Release --project bench/IOC.Bench -- fuzz [--minutes 10] [--seed S] [--corpus DIR]   (keeps new inputs in tests/IOC.Ingestion.Tests/FuzzCorpus)
// dotnet run -c Release --project bench/IOC.Bench -- soak [--minutes 10] [--rate 20000] [--heap-limit-mb 512]   (memory under constant load)
// dotnet run -c Release --project bench/IOC.Bench -- country [--peak-rate 3000] [--peak-minutes 10] [--tenx-minutes 10] [--factor 10] [--clients 5] [--sample-seconds 30] [--no-baseline]
//     (the whole country on one node: national peak, then 10×; freshness, CPU, memory per unit; docs/benchmarks.md)
ServerBuild.WarnIfStale();
if (args.FirstOrDefault() == "country")
{
    return await CountryBenchmark.RunAsync(args);
}

if (args.FirstOrDefault() == "fuzz")
{
    return await FuzzCommand.RunAsync(args);
}

if (args.FirstOrDefault() == "soak")
{
    return await SoakBenchmark.RunAsync(args);
}

var options = BenchOptions.Parse(args);
return options.Command switch
{
    "fold" => await FoldBenchmark.RunAsync(options),
    "fold-loop" => FoldBenchmark.RunLoop(options),
    "ingest" => await IngestBenchmark.RunAsync(options, args),
    "pipeline" => await PipelineBenchmark.RunAsync(options),
    "inbox-index" => InboxKeyIndexBenchmark.Run(options),
    "freshness" => await FreshnessBenchmark.RunAsync(options),
    "fanout" => await FanoutBenchmark.RunAsync(options),
    "history-write" => await HistoryWriteBenchmark.RunAsync(options),
    "history-save" => await HistorySaveBenchmark.RunAsync(options),
    "history-query" => await HistoryQueryBenchmark.RunAsync(options),
    "ingest-telemetry" => await TelemetryBenchmark.RunAsync(options),
    "alerts" => await AlertBenchmark.RunAsync(options),
    "charts" => ChartBenchmark.Run(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: IOC.Bench fold|fold-loop|ingest|ingest-telemetry|alerts|pipeline|freshness|fanout|history-write|history-save|history-query|charts|fuzz|soak [--events N] [--runs N] [--clients N] [--batch N] [--rate N] [--seconds N]");
    return 2;
}
