using IOC.Bench;

// dotnet run -c Release --project bench/IOC.Bench -- fold   [--events 4000000] [--runs 5]
// dotnet run -c Release --project bench/IOC.Bench -- ingest [--events 1000000] [--runs 5] [--clients 4]
// dotnet run -c Release --project bench/IOC.Bench -- pipeline [--events 1000000] [--runs 5]   (stages, no HTTP)
var options = BenchOptions.Parse(args);
return options.Command switch
{
    "fold" => await FoldBenchmark.RunAsync(options),
    "ingest" => await IngestBenchmark.RunAsync(options),
    "pipeline" => await PipelineBenchmark.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: IOC.Bench fold|ingest|pipeline [--events N] [--runs N] [--clients N] [--batch N]");
    return 2;
}
