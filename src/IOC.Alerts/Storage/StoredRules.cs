using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Rules;
using Microsoft.Extensions.Logging;

namespace IOC.Alerts.Storage;

/// <summary>The rules an alert store holds, judged again when they are loaded (SQLite and PostgreSQL alike).</summary>
internal static partial class StoredRules
{
    /// <summary>
    /// The stored rules (their JSON, in order) that pass <paramref name="checker"/>; one that no longer does is logged
    /// on the store's <paramref name="logger"/> and left out of the configuration, not deleted.
    /// </summary>
    public static List<AlertRule> Check(IEnumerable<string> stored, AlertRuleChecker checker, ILogger logger)
    {
        var rules = new List<AlertRule>();
        foreach (var json in stored)
        {
            var (rule, errors) = checker.Check(AlertJson.Read<AlertRuleDraft>(json));
            if (rule is null)
            {
                // A unit or target the rule named is gone from the seed catalogues: the stored rule stays, unjudged.
                LogRuleSkipped(logger, json, string.Join("; ", errors.Select(e => $"{e.Field}: {e.Reason}")));
                continue;
            }

            rules.Add(rule);
        }

        return rules;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A stored alert rule no longer passes its checks and is not evaluated: {Rule} ({Reasons})")]
    private static partial void LogRuleSkipped(ILogger logger, string rule, string reasons);
}
