using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Rules;

namespace IOC.Alerts.Live;

/// <summary>An instance as the API, the hub and the webhooks send it: states and severities as words, the unit's name.</summary>
public sealed record AlertDto(
    string Id,
    string RuleId,
    string RuleNameVi,
    string RuleNameEn,
    string UnitLevel,
    string UnitCode,
    string UnitName,
    string State,
    DateTimeOffset StateSince,
    DateTimeOffset? ActiveSince,
    string Severity,
    string Kpi,
    double? Value,
    double? Numerator,
    long? Denominator,
    double? Target,
    string? Direction,
    string SentenceVi,
    string SentenceEn,
    AlertAckDto? Ack,
    string? SilencedBy,
    long Episode)
{
    public static AlertDto From(AlertView view, UnitCatalog units) => new(
        view.Id,
        view.RuleId,
        view.RuleNameVi,
        view.RuleNameEn,
        view.Unit.Level.ToWire(),
        view.Unit.Code,
        units.Find(view.Unit)?.Name ?? view.Unit.Code,
        view.State.ToWire(),
        view.StateSince,
        view.ActiveSince,
        view.Severity.ToWire(),
        view.Kpi,
        view.Value,
        view.Numerator,
        view.Denominator,
        view.Target,
        view.Direction,
        view.SentenceVi,
        view.SentenceEn,
        view.Ack is { } ack ? new AlertAckDto(ack.By, ack.At, ack.Note) : null,
        view.SilencedBy,
        view.Episode);
}

public sealed record AlertAckDto(string By, DateTimeOffset At, string? Note);
