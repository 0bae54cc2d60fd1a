using IOC.Domain.Time;
using IOC.Domain.Units;

namespace IOC.Ingestion.Simulation;

/// <summary>
/// Simulated traffic for the days before now, at the sample day's rate (about 4,500 events a day for Hanoi, scaled to the
/// scope by <see cref="TrafficScale"/>), ingested like any
/// producer's events. A first demo run with it shows a month of history on the review, PSI and drill-down pages
/// instead of today alone. Its dossiers and tickets still open at the end stay open in the grains, where the live
/// simulator adopts them. Only for an empty inbox: it is demo data, never mixed into real data.
/// </summary>
public static class SimulatedHistory
{
    /// <summary>At most a year and a day: what the review's longest period reads.</summary>
    public const int MaxDays = 366;

    /// <summary>Ingests simulated events from local midnight <paramref name="days"/> days ago up to <paramref name="now"/>; returns how many were accepted.</summary>
    /// <exception cref="InvalidOperationException">Ingestion refused simulated events (a bug in the generator).</exception>
    public static async Task<long> BackfillAsync(IngestionService ingestion, UnitCatalog units, int seed, int days, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        var generator = new TrafficGenerator(units, seed, SampleDay.TargetEvents * TrafficScale.Factor(units) / TimeSpan.FromDays(1).TotalSeconds);
        long accepted = 0;
        for (var from = VietnamTime.StartOfDay(VietnamTime.LocalDate(now).AddDays(-days)); from < now; from = from.AddDays(1))
        {
            var to = from.AddDays(1) < now ? from.AddDays(1) : now;
            await foreach (var (_, result) in SimulatedBatches.IngestAsync(ingestion, generator.Generate(from, to), cancellationToken))
            {
                if (result.Rejected.Count > 0)
                {
                    var first = result.Rejected[0];
                    throw new InvalidOperationException($"Simulated history was refused: {result.Rejected.Count} events, e.g. {first.Id}: {first.Field} {first.Reason}");
                }

                accepted += result.Accepted;
            }
        }

        return accepted;
    }
}
