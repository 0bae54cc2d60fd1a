using IOC.Domain.Kpis;
using IOC.Domain.Units;
using Orleans;

namespace IOC.Grains.Alerts.Rules;

[GenerateSerializer, Alias("ioc.AlertSeverity")]
public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}

/// <summary>What must hold for a rule's instance to be "active" (then pending, then firing).</summary>
[GenerateSerializer, Alias("ioc.AlertConditionKind")]
public enum AlertConditionKind
{
    /// <summary><c>off-target</c>: the KPI is worse than its target (below a "≥" target, above a "≤" one), near or missed.</summary>
    OffTarget,

    /// <summary><c>missed</c>: the KPI's status is "missed" (worse than the target by more than the near band for a rate).</summary>
    Missed,

    /// <summary><c>below</c>: the value is below the threshold.</summary>
    Below,

    /// <summary><c>above</c>: the value is above the threshold (a count such as overdue dossiers, or a rate).</summary>
    Above,

    /// <summary><c>rising</c>: a gauge rose by at least the threshold over the window (60 minutes).</summary>
    Rising,

    /// <summary><c>silent</c>: no event from the unit for at least the threshold's minutes of office hours.</summary>
    Silent,

    /// <summary><c>projected-miss</c>: the nowcast says the month (window mtd) or year (ytd) will end off target.</summary>
    ProjectedMiss,
}

/// <summary>
/// What a rule does when there is nothing to judge (a rate with nothing to divide by), as Grafana's "no data" handling:
/// <c>ok</c> (the default: a ward with no completion yet today is normal), <c>nodata</c> (the NoData state, shown), or
/// <c>alerting</c> (no figures is itself the problem).
/// </summary>
[GenerateSerializer, Alias("ioc.AlertNoDataState")]
public enum AlertNoDataState
{
    Ok,
    NoData,
    Alerting,
}

/// <summary>
/// Which units a rule watches: every unit of a level (<see cref="Code"/> null), or one. Levels come from the unit
/// catalogue, never from a fixed list of wards, so a province's communes or the country are scopes like Hanoi's wards.
/// </summary>
[GenerateSerializer, Immutable, Alias("ioc.RuleScope")]
public readonly record struct RuleScope([property: Id(0)] UnitLevel Level, [property: Id(1)] string? Code)
{
    public bool Covers(UnitKey unit) => unit.Level == Level && (Code is null || Code == unit.Code);

    /// <summary><c>city</c>, <c>wards</c>, <c>ward</c>, <c>agencies</c> or <c>agency</c> (the CSV's and the API's word).</summary>
    public string Wire => (Level, Code) switch
    {
        (UnitLevel.City, _) => "city",
        (UnitLevel.Ward, null) => "wards",
        (UnitLevel.Ward, _) => "ward",
        (UnitLevel.Agency, null) => "agencies",
        (UnitLevel.Agency, _) => "agency",
        _ => Level.ToWire(),
    };
}

/// <summary>
/// An alert rule, as data (seed-data/alert-rules.csv, then the rules API): a KPI, a scope, a window, a condition, the
/// smallest denominator worth judging, how long the condition must hold before it fires (pending) and how long a
/// firing alert is held after it clears (keep firing), a severity, and whether it only counts in office hours.
/// </summary>
[GenerateSerializer, Immutable, Alias("ioc.AlertRule")]
public sealed record AlertRule
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string NameVi { get; init; }

    [Id(2)] public required string NameEn { get; init; }

    /// <summary>A KPI id of the catalogue; empty for <see cref="AlertConditionKind.Silent"/> (it watches every event).</summary>
    [Id(3)] public required string Kpi { get; init; }

    [Id(4)] public required RuleScope Scope { get; init; }

    [Id(5)] public required KpiWindow Window { get; init; }

    [Id(6)] public required AlertConditionKind Condition { get; init; }

    /// <summary>The value of below/above/rising, the minutes of silent; null for the target conditions.</summary>
    [Id(7)] public double? Threshold { get; init; }

    /// <summary>A rate or average is judged only from this denominator (1 late dossier out of 1 pages nobody).</summary>
    [Id(8)] public long MinDenominator { get; init; }

    [Id(9)] public TimeSpan Pending { get; init; }

    [Id(10)] public TimeSpan KeepFiring { get; init; }

    [Id(11)] public required AlertSeverity Severity { get; init; }

    /// <summary>Only judged during office hours (outside them the condition counts as not holding).</summary>
    [Id(12)] public bool OfficeHoursOnly { get; init; }

    [Id(13)] public bool Enabled { get; init; } = true;

    /// <summary>What "nothing to judge" means for this rule.</summary>
    [Id(14)] public AlertNoDataState NoData { get; init; }

    public KpiDefinition? Definition => KpiCatalog.TryGet(Kpi, out var kpi) ? kpi : null;
}

public static class AlertWords
{
    public static string ToWire(this AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "info",
        AlertSeverity.Warning => "warning",
        _ => "critical",
    };

    public static bool TryParseSeverity(string? text, out AlertSeverity severity)
    {
        foreach (var candidate in Enum.GetValues<AlertSeverity>())
        {
            if (candidate.ToWire() == text)
            {
                severity = candidate;
                return true;
            }
        }

        severity = default;
        return false;
    }

    public static string ToWire(this AlertConditionKind condition) => condition switch
    {
        AlertConditionKind.OffTarget => "off-target",
        AlertConditionKind.Missed => "missed",
        AlertConditionKind.Below => "below",
        AlertConditionKind.Above => "above",
        AlertConditionKind.Rising => "rising",
        AlertConditionKind.Silent => "silent",
        _ => "projected-miss",
    };

    public static bool TryParseCondition(string? text, out AlertConditionKind condition)
    {
        foreach (var candidate in Enum.GetValues<AlertConditionKind>())
        {
            if (candidate.ToWire() == text)
            {
                condition = candidate;
                return true;
            }
        }

        condition = default;
        return false;
    }

    public static string ToWire(this AlertNoDataState state) => state switch
    {
        AlertNoDataState.NoData => "nodata",
        AlertNoDataState.Alerting => "alerting",
        _ => "ok",
    };

    public static bool TryParseNoData(string? text, out AlertNoDataState state)
    {
        foreach (var candidate in Enum.GetValues<AlertNoDataState>())
        {
            if (candidate.ToWire() == text)
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }

    /// <summary>"15m", "1h", "90s", "0": how the CSV and the API write a period.</summary>
    public static string ToWire(this TimeSpan span) =>
        span == TimeSpan.Zero ? "0"
        : span.TotalHours % 1 == 0 ? $"{span.TotalHours:0}h"
        : span.TotalMinutes % 1 == 0 ? $"{span.TotalMinutes:0}m"
        : $"{span.TotalSeconds:0}s";

    public static bool TryParseSpan(string? text, out TimeSpan span)
    {
        span = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text == "0")
        {
            return true;
        }

        var unit = text[^1];
        if (!long.TryParse(text[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var amount)
            || amount > 7 * 24 * 3600)
        {
            return false;
        }

        span = unit switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            _ => TimeSpan.MinValue,
        };
        return span != TimeSpan.MinValue && span <= TimeSpan.FromDays(7);
    }
}
