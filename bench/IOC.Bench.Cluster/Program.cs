using System.Globalization;

namespace IOC.Bench.Cluster;

// dotnet run -c Release --project bench/IOC.Bench.Cluster -- failover [--runs 5] [--rate 1000]
// dotnet run -c Release --project bench/IOC.Bench.Cluster -- ingest [--runs 3] [--seconds 30]
// dotnet run -c Release --project bench/IOC.Bench.Cluster -- country [--events 200000] [--rate 3000] [--nodes 3] [--batch 100] [--senders 4] [--seed 14] [--day yyyy-MM-dd] [--tail-read-ms 2000] [--spread-seconds 0]
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var command = args.FirstOrDefault();
        string? Text(string name)
        {
            var at = Array.IndexOf(args, "--" + name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        int Option(string name, int fallback) => Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        Console.WriteLine($"{command}: {Environment.ProcessorCount} cores, load {Machine.Load()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        switch (command)
        {
            case "failover":
                await FailoverBenchmark.RunAsync(Option("runs", 5), Option("rate", 1000));
                return 0;
            case "ingest":
                await ClusterIngestBenchmark.RunAsync(Option("runs", 3), Option("seconds", 30));
                return 0;
            case "country":
                return await CountryClusterBenchmark.RunAsync(CountryClusterBenchmark.Options(Text));
            default:
                Console.Error.WriteLine("usage: IOC.Bench.Cluster failover [--runs 5] [--rate 1000] | ingest [--runs 3] [--seconds 30] | country [--events 200000] [--rate 3000] [--nodes 3] [--batch 100] [--senders 4] [--seed 14] [--day yyyy-MM-dd] [--tail-read-ms 2000] [--spread-seconds 0]");
                return 2;
        }
    }
}
