using IOC.Domain.Events;
using IOC.Domain.Time;
using IOC.Ingestion.Simulation;

namespace IOC.Ingestion.Tests.Simulation;

/// <summary>One simulated week (Monday 16 to Sunday 22 November 2026, seed 2025), generated once per test class; read only.</summary>
public sealed class SimulatedWeek
{
    public const int Seed = 2025;

    /// <summary>About 50,000 events: enough for shares to settle within a point, quick to make.</summary>
    public const double EventsPerSecond = 0.08;

    public SimulatedWeek()
    {
        Start = VietnamTime.StartOfDay(new DateOnly(2026, 11, 16));
        End = Start.AddDays(7);
        Events = new TrafficGenerator(IOC.Tests.Shared.Seed.Units, Seed, EventsPerSecond).Generate(Start, End);
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public IReadOnlyList<IocEvent> Events { get; }

    public IEnumerable<T> Of<T>() => Events.OfType<T>();

    public static DateTimeOffset LocalTime(DateOnly date, int hour) =>
        VietnamTime.StartOfDay(date).AddHours(hour);
}
