using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Rules;

namespace IOC.Alerts.Storage;

/// <summary>One recorded change of an instance: a transition (from → to), an acknowledgement, a silence starting or ending, an end.</summary>
public sealed record AlertHistoryEntry(long Seq, DateTimeOffset At, AlertChangeKind Kind, AlertState From, AlertView Alert);

/// <summary>Which recorded changes to list; every filter optional.</summary>
public sealed record AlertHistoryFilter(
    UnitKey? Unit = null,
    string? RuleId = null,
    AlertSeverity? Severity = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = 1000);

/// <summary>Who changed the rules or silences, when, and what (the audit of the duty officers' and administrators' actions).</summary>
public sealed record AlertAuditEntry(DateTimeOffset At, string By, string Action, string Subject, string Detail);

/// <summary>A webhook delivery given up after its last try: where, how often, why, and the body it carried.</summary>
public sealed record WebhookDeadLetter(string DeliveryId, DateTimeOffset At, string Url, int Attempts, string Reason, string Body);
