namespace IOC.Ingestion.Simulation;

/// <summary>The demo traffic simulator (configuration section "Simulator").</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    public bool Enabled { get; set; } = true;

    /// <summary>Same seed and same start time: the same city, event for event.</summary>
    public int Seed { get; set; } = 2025;

    /// <summary>
    /// The scope's events per second averaged over a whole week (weekdays run a little above it, Sunday far below).
    /// A weekday morning session runs at about 3.7 times this, nights at about a fourteenth. Not set (the default): it
    /// scales with the scope (<see cref="TrafficScale"/>): 3 for Hanoi (about 1.8 million events a week), about 62 for
    /// the whole country. Set it to choose the total yourself.
    /// </summary>
    public double? EventsPerSecond { get; set; }

    public int TickMilliseconds { get; set; } = 1000;

    /// <summary>
    /// Days of simulated history to ingest before the live feed starts, on a first run only (an empty inbox), so the
    /// review, PSI and drill-down pages have a month to show in a demo. 0 (the default): none. At most 366.
    /// </summary>
    public int BackfillDays { get; set; }

    /// <summary>
    /// Open dossiers and tickets the generator remembers. At the cap the oldest planned work is completed at once,
    /// so memory stays flat whatever the rate (at 3 events/s about 110,000–145,000 items are open at a time, at 40
    /// events/s 1.4–1.9 million). Work adopted from earlier runs counts too.
    /// </summary>
    public int MaxOpenItems { get; set; } = 1_000_000;
}
