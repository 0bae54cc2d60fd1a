using IOC.Domain.Seed;
using IOC.Domain.Units;

namespace IOC.Bench;

public sealed record BenchOptions(string Command, int Events, int Runs, int Clients, int Batch, int Rate = 10_000, int Seconds = 20, int InFlight = 2)
{
    public static BenchOptions Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var command = args.FirstOrDefault() ?? "";
        var defaultEvents = command switch
        {
            "fold" or "fold-loop" => 4_000_000,
            "history-write" => 24 * 60,
            "history-save" => 4 * 60,
            _ => 1_000_000,
        };
        var defaultBatch = command.StartsWith("history", StringComparison.Ordinal) ? "5000" : "1000";
        var defaultClients = command == "fanout" ? 1000 : 4;
        return new BenchOptions(
            command,
            int.Parse(Get("events", defaultEvents.ToString())),
            int.Parse(Get("runs", "5")),
            int.Parse(Get("clients", defaultClients.ToString())),
            int.Parse(Get("batch", defaultBatch)),
            int.Parse(Get("rate", "10000")),
            int.Parse(Get("seconds", "20")),
            int.Parse(Get("inflight", "2")));
    }

    public static UnitCatalog Units() => SeedData.LoadUnits(SeedData.Locate());

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static void Report(string what, IReadOnlyList<double> perSecond)
    {
        Console.WriteLine($"{what}: runs {string.Join(" | ", perSecond.Select(r => r.ToString("N0")))} events/s");
        Console.WriteLine($"{what}: median {Median(perSecond):N0} events/s over {perSecond.Count} runs on {Environment.ProcessorCount} cores");
    }
}
