using IOC.Domain.Events;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Ingestion.Parsing;
using IOC.Ingestion.Simulation;

namespace IOC.Bench.Cluster;

/// <summary>One batch of the stream as a producer posts it: NDJSON in the wire schema and how many events it holds.</summary>
internal sealed record StreamBatch(byte[] Body, int Count);

/// <summary>
/// The national event stream both runs of the <c>country</c> benchmark receive: the simulator's traffic for every
/// commune of the country (<see cref="TrafficGenerator"/>, as the one-node country benchmark uses it, at
/// <c>rate / TrafficScale.PeakRatio</c> so a weekday morning makes about <c>rate</c> events/s), from a fixed seed, cut
/// into batches once and kept in memory.
/// </summary>
/// <remarks>
/// The stream starts at 08:00 on a Wednesday at least eight weeks back (or the day given). Nothing is shifted to "now":
/// every dossier and ticket in it is past due by the time it is read (processing times are at most a few weeks), so
/// no figure moves with the clock between the single node's read and the cluster's, which come minutes apart — the
/// gauges "overdue" and "due within 24 h" would otherwise change for items whose due time falls between the reads.
/// The figures land in the year-to-date window (the units keep their months in memory for ever).
/// </remarks>
internal static class NationalStream
{
    public static IReadOnlyList<StreamBatch> Generate(UnitCatalog units, int seed, int events, double rate, int batchSize, DateTimeOffset start)
    {
        var generator = new TrafficGenerator(units, seed, rate / TrafficScale.PeakRatio);
        var all = new List<IocEvent>(events + 10_000);
        for (var from = start; all.Count < events; from = from.AddSeconds(10))
        {
            all.AddRange(generator.Generate(from, from.AddSeconds(10)));
        }

        all.RemoveRange(events, all.Count - events);
        return [.. all.Chunk(batchSize).Select(chunk => new StreamBatch(EventJson.ToNdjson(chunk), chunk.Length))];
    }

    /// <summary>08:00 Vietnam time on the Wednesday eight or nine weeks before <paramref name="today"/>, which must still be in today's year.</summary>
    public static DateTimeOffset DefaultStart(DateOnly today)
    {
        var back = today.AddDays(-56);
        var wednesday = back.AddDays(-(((int)back.DayOfWeek - (int)DayOfWeek.Wednesday + 7) % 7));
        if (wednesday.Year != today.Year)
        {
            throw new InvalidOperationException(
                $"Eight weeks before {today:yyyy-MM-dd} is last year, outside the year-to-date window both runs are compared in: name a day of this year at least eight weeks back with --day yyyy-MM-dd, or run it after February.");
        }

        return VietnamTime.StartOfDay(wednesday).AddHours(8);
    }
}
