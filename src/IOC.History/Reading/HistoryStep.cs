using IOC.History.Model;

namespace IOC.History.Reading;

/// <summary>The steps of a history series: five minutes (from minute buckets), hours, days (local days).</summary>
public enum HistoryStep
{
    FiveMinutes,
    Hour,
    Day,
}

public static class HistorySteps
{
    public static readonly HistoryStep[] All = [HistoryStep.FiveMinutes, HistoryStep.Hour, HistoryStep.Day];

    public static TimeSpan Size(this HistoryStep step) => step switch
    {
        HistoryStep.FiveMinutes => TimeSpan.FromMinutes(5),
        HistoryStep.Hour => TimeSpan.FromHours(1),
        _ => TimeSpan.FromDays(1),
    };

    /// <summary>The buckets a step is summed from.</summary>
    public static Resolution Source(this HistoryStep step) => step switch
    {
        HistoryStep.FiveMinutes => Resolution.Minute,
        HistoryStep.Hour => Resolution.Hour,
        _ => Resolution.Day,
    };

    public static string ToWire(this HistoryStep step) => step switch
    {
        HistoryStep.FiveMinutes => "5m",
        HistoryStep.Hour => "1h",
        _ => "1d",
    };

    public static bool TryParse(string? text, out HistoryStep step)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToWire(), text, StringComparison.OrdinalIgnoreCase))
            {
                step = candidate;
                return true;
            }
        }

        step = default;
        return false;
    }
}
