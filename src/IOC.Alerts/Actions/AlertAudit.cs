using IOC.Domain.Units;
using IOC.Grains.Alerts.Rules;

namespace IOC.Alerts.Actions;

/// <summary>
/// The detail of an alert action's line in the access audit log (docs/security.md), the same from the API and the
/// /alerts page; the line's actor is the signed-in principal, the name typed here is what the alert's own log shows.
/// </summary>
public static class AlertAudit
{
    public static string Acknowledged(string? by, string? note) =>
        string.IsNullOrWhiteSpace(note) ? $"by '{by}'" : $"by '{by}'; note '{note.Trim()}'";

    public static string Silenced(AlertSilence silence) =>
        $"rule {silence.RuleId ?? "any"}; unit {(silence.Unit is { } unit ? $"{unit.Level.ToWire()}:{unit.Code}" : "any")}; " +
        $"until {silence.Until:O}; reason '{silence.Reason}'; by '{silence.By}'";
}
