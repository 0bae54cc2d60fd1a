using IOC.Domain.Units;
using IOC.Grains.Alerts.Rules;
using Orleans;

namespace IOC.Grains.Alerts.Evaluation;

/// <summary>
/// Grafana's alert states: Normal (the condition does not hold), Pending (it holds, for less than the rule's pending
/// period), Firing (it has held for the pending period), Recovering (it stopped holding while firing, and the alert is
/// kept for the keep-firing period in case it comes back), and NoData (there is nothing to judge: a rate with nothing
/// to divide by, a nowcast without enough days).
/// </summary>
[GenerateSerializer, Alias("ioc.AlertState")]
public enum AlertState
{
    Normal,
    Pending,
    Firing,
    Recovering,
    NoData,
}

/// <summary>An acknowledgement: who, when and what they noted.</summary>
[GenerateSerializer, Immutable, Alias("ioc.AlertAck")]
public sealed record AlertAck([property: Id(0)] string By, [property: Id(1)] DateTimeOffset At, [property: Id(2)] string? Note);

/// <summary>
/// One alert instance (a rule at a unit) as a duty officer sees it: state and since when, the figures that put it
/// there, the sentence in words, and whether someone acknowledged or silenced it.
/// </summary>
[GenerateSerializer, Immutable, Alias("ioc.AlertView")]
public sealed record AlertView
{
    /// <summary>"{rule}:{level}:{code}", e.g. "ward-ontime-today:ward:00082".</summary>
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string RuleId { get; init; }

    [Id(2)] public required UnitKey Unit { get; init; }

    [Id(3)] public required AlertState State { get; init; }

    /// <summary>When the instance entered its state.</summary>
    [Id(4)] public required DateTimeOffset StateSince { get; init; }

    /// <summary>When the condition started to hold, for this episode (pending, firing, recovering); null otherwise.</summary>
    [Id(5)] public DateTimeOffset? ActiveSince { get; init; }

    [Id(6)] public required AlertSeverity Severity { get; init; }

    [Id(7)] public required string Kpi { get; init; }

    [Id(8)] public double? Value { get; init; }

    [Id(9)] public double? Numerator { get; init; }

    [Id(10)] public long? Denominator { get; init; }

    /// <summary>The KPI's target, or the rule's threshold for below/above/rising/silent.</summary>
    [Id(11)] public double? Target { get; init; }

    /// <summary>"&gt;=" or "&lt;=" for a target, "&lt;", "&gt;", "+" for a threshold.</summary>
    [Id(12)] public string? Direction { get; init; }

    [Id(13)] public required string SentenceVi { get; init; }

    [Id(14)] public required string SentenceEn { get; init; }

    [Id(15)] public AlertAck? Ack { get; init; }

    /// <summary>The silence muting it, while one does.</summary>
    [Id(16)] public string? SilencedBy { get; init; }

    /// <summary>Counts the instance's firing episodes: a webhook receiver can tell a new one from a repeat.</summary>
    [Id(17)] public long Episode { get; init; }

    [Id(18)] public required string RuleNameVi { get; init; }

    [Id(19)] public required string RuleNameEn { get; init; }

    public bool IsFiring => State is AlertState.Firing or AlertState.Recovering;

    public static string IdOf(string ruleId, UnitKey unit) => $"{ruleId}:{unit.Level.ToWire()}:{unit.Code}";

    /// <summary>The rule and unit of an instance id; false when it is not one.</summary>
    public static bool TryParseId(string? id, out string ruleId, out UnitKey unit)
    {
        ruleId = "";
        unit = default;
        var parts = id?.Split(':') ?? [];
        if (parts.Length != 3 || parts[0].Length == 0 || parts[2].Length == 0 || !UnitLevelNames.TryParse(parts[1], out var level))
        {
            return false;
        }

        ruleId = parts[0];
        unit = new UnitKey(level, parts[2]);
        return true;
    }
}

public static class AlertStateNames
{
    public static string ToWire(this AlertState state) => state switch
    {
        AlertState.Normal => "normal",
        AlertState.Pending => "pending",
        AlertState.Firing => "firing",
        AlertState.Recovering => "recovering",
        _ => "nodata",
    };

    public static bool TryParse(string? text, out AlertState state)
    {
        foreach (var candidate in Enum.GetValues<AlertState>())
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
}
