using IOC.Domain.Kpis;
using IOC.Grains.Fold;

namespace IOC.Grains.Alerts.Evaluation;

/// <summary>
/// What a unit's rules are judged on: its latest snapshot, its day buckets (the nowcast's usual pattern) and when an
/// event last reached it (silent feeds).
/// </summary>
public readonly record struct AlertFigures(GrainSnapshot Snapshot, Func<int, CounterSet> Day, DateTimeOffset LastArrival);

/// <summary>
/// What one evaluation found: whether the condition holds (null: no data to judge), and the figures that say so.
/// </summary>
public readonly record struct AlertReading(
    bool? Holds,
    double? Value,
    double? Numerator,
    long? Denominator,
    double? Target,
    string? Direction,
    IOC.Domain.Nowcast.NowcastResult? Nowcast = null,
    double? Change = null,
    DateTimeOffset? LastEvent = null);
