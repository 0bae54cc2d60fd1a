using System.Globalization;

namespace IOC.Bench.Cluster;

// dotnet run -c Release --project bench/IOC.Bench.Cluster -- failover [--runs 5] [--rate 1000]
// dotnet run -c Release --project bench/IOC.Bench.Cluster -- ingest [--runs 3] [--seconds 30]
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var command = args.FirstOrDefault();
        int Option(string name, int fallback)
        {
            var at = Array.IndexOf(args, "--" + name);
            return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
        }

        Console.WriteLine($"{command}: {Environment.ProcessorCount} cores, load {Machine.Load()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        switch (command)
        {
            case "failover":
                await FailoverBenchmark.RunAsync(Option("runs", 5), Option("rate", 1000));
                return 0;
            case "ingest":
                await ClusterIngestBenchmark.RunAsync(Option("runs", 3), Option("seconds", 30));
                return 0;
            default:
                Console.Error.WriteLine("usage: IOC.Bench.Cluster failover [--runs 5] [--rate 1000] | ingest [--runs 3] [--seconds 30]");
                return 2;
        }
    }
}
