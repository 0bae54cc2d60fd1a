using IOC.Domain.Units;
using IOC.Ingestion.Simulation;

namespace IOC.Web.Commands;

/// <summary><c>generate-sample --date 2026-11-20 --seed 2025 --out seed-data/sample-day.ndjson</c>: one simulated local day as NDJSON.</summary>
public static class GenerateSampleCommand
{
    public static Task<int> RunAsync(WebApplication app, CommandLine command)
    {
        if (!DateOnly.TryParse(command.Options.GetValueOrDefault("date", ""), System.Globalization.CultureInfo.InvariantCulture, out var date) ||
            !int.TryParse(command.Options.GetValueOrDefault("seed", "2025"), out var seed) ||
            !command.Options.TryGetValue("out", out var path))
        {
            Console.Error.WriteLine("usage: generate-sample --date YYYY-MM-DD [--seed N] --out FILE.ndjson");
            return Task.FromResult(2);
        }

        path = CommandLine.ResolvePath(path, mustExist: false)!;
        var count = SampleDay.Write(app.Services.GetRequiredService<UnitCatalog>(), date, seed, path);
        Console.WriteLine($"Wrote {count} events for {date:yyyy-MM-dd} (seed {seed}) to {path}.");
        return Task.FromResult(0);
    }
}
