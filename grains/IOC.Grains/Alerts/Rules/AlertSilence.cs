using IOC.Domain.Units;
using Orleans;

namespace IOC.Grains.Alerts.Rules;

/// <summary>
/// A silence: the instances of a rule, of a unit, or of a rule at a unit are muted from <see cref="From"/> to
/// <see cref="Until"/> (no notification, off the wallboard's strip) while still evaluated and recorded. Someone set it,
/// for a reason.
/// </summary>
[GenerateSerializer, Immutable, Alias("ioc.AlertSilence")]
public sealed record AlertSilence(
    [property: Id(0)] string Id,
    [property: Id(1)] string? RuleId,
    [property: Id(2)] UnitKey? Unit,
    [property: Id(3)] DateTimeOffset From,
    [property: Id(4)] DateTimeOffset Until,
    [property: Id(5)] string Reason,
    [property: Id(6)] string By,
    [property: Id(7)] DateTimeOffset? EndedAt = null,
    [property: Id(8)] string? EndedBy = null)
{
    public bool ActiveAt(DateTimeOffset now) => EndedAt is null && From <= now && now < Until;

    public bool Matches(string ruleId, UnitKey unit) =>
        (RuleId is null || RuleId == ruleId) && (Unit is null || Unit == unit);
}

/// <summary>Every rule and the silences not yet over, with a version that moves on each change.</summary>
[GenerateSerializer, Immutable, Alias("ioc.AlertConfig")]
public sealed record AlertConfig(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<AlertRule> Rules,
    [property: Id(2)] IReadOnlyList<AlertSilence> Silences)
{
    public static readonly AlertConfig Empty = new(0, [], []);

    public AlertRule? Rule(string id) => Rules.FirstOrDefault(r => r.Id == id);

    /// <summary>The silence that mutes an instance now, if any.</summary>
    public AlertSilence? SilenceOf(string ruleId, UnitKey unit, DateTimeOffset now) =>
        Silences.FirstOrDefault(s => s.ActiveAt(now) && s.Matches(ruleId, unit));
}
