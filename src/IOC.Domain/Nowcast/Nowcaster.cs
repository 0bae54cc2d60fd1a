using IOC.Domain.Calendar;
using IOC.Domain.Targets;

namespace IOC.Domain.Nowcast;

/// <summary>A rate's numerator and denominator over one local day (or any stretch).</summary>
public readonly record struct RateFigures(double Numerator, long Denominator)
{
    public double? Value => Denominator == 0 ? null : 100.0 * Numerator / Denominator;
}

/// <summary>
/// What a nowcast starts from: the period's figures so far (today included), today's so far, and the complete days
/// before today that show the unit's usual pattern (the last four weeks, say). Days before the first with any figure
/// are ignored: a unit that started reporting last week has no "usual" before then.
/// </summary>
public sealed record NowcastInput(
    NowcastPeriod Period,
    DateOnly Today,
    RateFigures SoFar,
    RateFigures TodaySoFar,
    IReadOnlyList<(DateOnly Day, RateFigures Figures)> RecentDays,
    TargetDirection Direction,
    double Target);

public enum NowcastStatus
{
    /// <summary>Fewer than <see cref="Nowcaster.MinimumDays"/> days with figures: no projection is made.</summary>
    Insufficient,

    /// <summary>The projected end-of-period value meets the target.</summary>
    OnTrack,

    /// <summary>The projection misses the target, but the remaining volume can still make it.</summary>
    AtRisk,

    /// <summary>Even if every remaining item counted (or none did, for a "≤" target) the target cannot be met.</summary>
    Unreachable,
}

/// <summary>
/// A rate's projected end-of-period value and what it takes to meet the target.
/// </summary>
/// <param name="Projected">The projected value at the period's end (percent, unrounded: texts round once); null when insufficient.</param>
/// <param name="Needed">
/// For a "≥" target: how many more numerator items the rest of the period needs (0: none); for a "≤" target: how many
/// more it may have at most. Null when insufficient or unreachable.
/// </param>
/// <param name="PerWorkingDay">About how many of <paramref name="Needed"/> per remaining working day (one decimal).</param>
/// <param name="ExpectedRemaining">The denominator the rest of the period usually brings.</param>
/// <param name="Best">The best value still possible at the period's end (every remaining item counting, or none).</param>
public sealed record NowcastResult(
    NowcastPeriod Period,
    NowcastStatus Status,
    double? Current,
    double? Projected,
    RateFigures ProjectedFigures,
    long? Needed,
    double? PerWorkingDay,
    int RemainingWorkingDays,
    int RemainingOffDays,
    double ExpectedRemaining,
    double? Best,
    TargetDirection Direction,
    double Target);

/// <summary>
/// Projects a rate to the end of its period: the figures so far plus, for the rest of today and each remaining day,
/// what a day of that kind (working day, or weekend/holiday) usually brings, from the recent complete days. Plain
/// arithmetic: the same code serves the pages (from the history store) and the alert rules (from a grain's days).
/// </summary>
public static class Nowcaster
{
    /// <summary>A projection needs at least this many recent days with figures.</summary>
    public const int MinimumDays = 3;

    /// <summary>How many complete days before today describe the usual pattern.</summary>
    public const int PatternDays = 28;

    public static NowcastResult Project(NowcastInput input, WorkingCalendar calendar)
    {
        var (working, off) = calendar.Count(input.Today.AddDays(1), input.Period.Last);
        var observed = Observed(input.RecentDays);
        var current = input.SoFar.Value;
        if (observed.Count < MinimumDays)
        {
            return Insufficient(input, current, working, off);
        }

        var workingPattern = Average(observed.Where(d => calendar.IsWorkingDay(d.Day)));
        var offPattern = Average(observed.Where(d => !calendar.IsWorkingDay(d.Day)));
        var all = Average(observed);
        workingPattern ??= all;
        offPattern ??= all;

        // The rest of today: what a day of its kind usually brings, less what today already brought.
        var todayPattern = calendar.IsWorkingDay(input.Today) ? workingPattern!.Value : offPattern!.Value;
        var restToday = Math.Max(0, todayPattern.Denominator - input.TodaySoFar.Denominator);
        var restDenominator = restToday + (working * workingPattern!.Value.Denominator) + (off * offPattern!.Value.Denominator);
        var restNumerator = (restToday * todayPattern.Ratio) + (working * workingPattern.Value.Numerator) + (off * offPattern.Value.Numerator);
        var projectedDenominator = input.SoFar.Denominator + restDenominator;
        if (projectedDenominator <= 0)
        {
            return Insufficient(input, current, working, off);
        }

        var projectedNumerator = input.SoFar.Numerator + restNumerator;
        var projected = 100.0 * projectedNumerator / projectedDenominator;
        var share = input.Target / 100.0;
        var atLeast = input.Direction == TargetDirection.AtLeast;
        var best = atLeast
            ? 100.0 * (input.SoFar.Numerator + restDenominator) / projectedDenominator
            : 100.0 * input.SoFar.Numerator / projectedDenominator;

        // "≥": items still needed so that numerator / projected denominator reaches the target; "≤": items still allowed.
        var amount = atLeast
            ? Math.Max(0, (long)Math.Ceiling((share * projectedDenominator) - input.SoFar.Numerator - 1e-9))
            : (long)Math.Floor((share * projectedDenominator) - input.SoFar.Numerator + 1e-9);
        var unreachable = atLeast ? amount > Math.Round(restDenominator) : amount < 0;
        var meets = atLeast ? projected >= input.Target - 1e-9 : projected <= input.Target + 1e-9;
        var status = unreachable ? NowcastStatus.Unreachable : meets ? NowcastStatus.OnTrack : NowcastStatus.AtRisk;
        var days = working + (calendar.IsWorkingDay(input.Today) && restToday > 0 ? 1 : 0);
        long? needed = unreachable ? null : Math.Max(0, amount);
        double? perDay = needed is { } n ? Math.Round((double)n / Math.Max(1, days), 1) : null;
        return new NowcastResult(
            input.Period, status, current, projected, new RateFigures(projectedNumerator, (long)Math.Round(projectedDenominator)),
            needed, perDay, working, off, restDenominator, best, input.Direction, input.Target);
    }

    /// <summary>The recent days from the first with any figure on (days before it predate the unit's reporting).</summary>
    private static List<(DateOnly Day, RateFigures Figures)> Observed(IReadOnlyList<(DateOnly Day, RateFigures Figures)> days)
    {
        var ordered = days.OrderBy(d => d.Day).ToList();
        var first = ordered.FindIndex(d => d.Figures.Denominator > 0);
        return first < 0 ? [] : ordered[first..];
    }

    private static Pattern? Average(IEnumerable<(DateOnly Day, RateFigures Figures)> days)
    {
        double numerator = 0, denominator = 0;
        var count = 0;
        foreach (var (_, figures) in days)
        {
            numerator += figures.Numerator;
            denominator += figures.Denominator;
            count++;
        }

        return count == 0 ? null : new Pattern(numerator / count, denominator / count);
    }

    private static NowcastResult Insufficient(NowcastInput input, double? current, int working, int off) => new(
        input.Period, NowcastStatus.Insufficient, current, null, input.SoFar, null, null, working, off, 0, null, input.Direction, input.Target);

    /// <summary>What a day of one kind usually brings.</summary>
    private readonly record struct Pattern(double Numerator, double Denominator)
    {
        public double Ratio => Denominator == 0 ? 0 : Numerator / Denominator;
    }
}
