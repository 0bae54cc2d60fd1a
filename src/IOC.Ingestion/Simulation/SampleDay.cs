using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Ingestion.Parsing;

namespace IOC.Ingestion.Simulation;

/// <summary>
/// One Vietnam-local day of simulated traffic as an NDJSON file: a small, realistic data set to replay,
/// demo or test with, without running the simulator.
/// </summary>
public static class SampleDay
{
    /// <summary>
    /// The rate aimed at: enough for every KPI to mean something, small enough to read. A fresh generator lands a
    /// little under (about 4,100–4,300): little of its own work comes due on its first day.
    /// </summary>
    public const double TargetEvents = 4_500;

    /// <summary>Writes the events of <paramref name="localDate"/> 00:00–24:00 (+07:00) to <paramref name="path"/>; returns how many.</summary>
    public static int Write(UnitCatalog units, DateOnly localDate, int seed, string path)
    {
        // The rate is set per day so that a Sunday file is as useful as a Monday one; the shape within the day stays.
        var eventsPerSecond = TargetEvents / (TimeSpan.FromDays(1).TotalSeconds * TrafficProfile.DayMean(localDate));
        var generator = new TrafficGenerator(units, seed, eventsPerSecond);
        var start = VietnamTime.StartOfDay(localDate);
        var events = generator.Generate(start, start.AddDays(1));

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllBytes(path, EventJson.ToNdjson(events));
        return events.Count;
    }
}
