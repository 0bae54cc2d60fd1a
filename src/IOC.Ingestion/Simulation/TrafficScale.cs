using IOC.Domain.Units;

namespace IOC.Ingestion.Simulation;

/// <summary>
/// How much traffic a scope makes when <see cref="SimulatorOptions.EventsPerSecond"/> is not set: Hanoi's demo rate
/// (3 events/s averaged over the week, about 1.8 million a week) per commune, weighed by commune type as
/// <see cref="UnitMix"/> spreads it: an urban phường 3, a xã or a đặc khu 1. So Hanoi (51 phường, 75 xã: weight 228)
/// keeps its 3 events/s, Hải Phòng (114 units) gets its own share, and the whole country (687 phường, 2,621 xã,
/// 13 đặc khu: weight 4,695) about 62 events/s, some 230 events/s at the weekday-morning peak, with the same seed giving
/// the same events. The reference data carries no population per commune, so the type is the only size it knows.
/// </summary>
public static class TrafficScale
{
    /// <summary>Hanoi's rate, the simulator's default since the start.</summary>
    public const double HanoiEventsPerSecond = 3;

    /// <summary>Hanoi's 51 phường at 3 and 75 xã at 1.</summary>
    public const double HanoiWeight = (51 * 3) + 75;

    /// <summary>The weight of a commune by its type: an urban ward sees about three times a rural commune's work.</summary>
    public static double TypeWeight(Unit ward) => ward.Type == "phường" ? 3.0 : 1.0;

    /// <summary>The scope's communes weighed by type.</summary>
    public static double Weight(UnitCatalog units) => units.Wards.Sum(TypeWeight);

    /// <summary>Events per second averaged over a week for the scope, at Hanoi's density.</summary>
    public static double EventsPerSecond(UnitCatalog units) => HanoiEventsPerSecond * Weight(units) / HanoiWeight;

    /// <summary>The scope's traffic relative to Hanoi's (1 for Hanoi, about 20.6 for the country).</summary>
    public static double Factor(UnitCatalog units) => Weight(units) / HanoiWeight;

    /// <summary>
    /// The weekday morning's rate relative to the weekly mean (about 3.67): a generator at E events/s makes about
    /// E × PeakRatio events/s between 7:30 and 11:30 on a weekday. Benchmarks choose E from the peak they want.
    /// </summary>
    public static double PeakRatio => TrafficProfile.Peak;
}
