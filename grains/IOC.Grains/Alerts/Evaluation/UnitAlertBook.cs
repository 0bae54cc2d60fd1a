using IOC.Domain.Units;
using IOC.Grains.Alerts.Rules;
using IOC.Grains.Fold;

namespace IOC.Grains.Alerts.Evaluation;

/// <summary>
/// Every alert instance of one unit (one per rule that covers it), judged on the unit's own figures. The unit's grain
/// owns it, so in a cluster each instance is evaluated once, where its figures live. Plain C#: "now" comes from the caller.
/// </summary>
public sealed class UnitAlertBook(UnitKey unit, AlertContext context, TimeSpan evaluateEvery)
{
    private readonly Dictionary<string, AlertInstance> _instances = new(StringComparer.Ordinal);
    private long _configVersion = long.MinValue;
    private GrainSnapshot? _snapshot;
    private DateTimeOffset _evaluatedAt = DateTimeOffset.MinValue;

    public UnitKey Unit => unit;

    /// <summary>When an event last reached the unit (its grain's activation, before the first).</summary>
    public DateTimeOffset LastArrival { get; private set; } = DateTimeOffset.MinValue;

    public int Count => _instances.Count;

    /// <summary>Puts back the instances the store held, and starts the silence clock at <paramref name="now"/>.</summary>
    public void Restore(IEnumerable<AlertView> saved, DateTimeOffset now)
    {
        foreach (var view in saved.Where(v => v.Unit == unit))
        {
            var instance = new AlertInstance(view.RuleId, unit);
            instance.Restore(view);
            _instances[view.RuleId] = instance;
        }

        // Nothing says when the last event came before a restart: a feed counts as silent from now on.
        LastArrival = now;
    }

    public void Arrived(DateTimeOffset at)
    {
        if (at > LastArrival)
        {
            LastArrival = at;
        }
    }

    /// <summary>Whether an evaluation can find anything new: other figures, other rules, or time having passed.</summary>
    public bool IsDue(AlertConfig config, GrainSnapshot snapshot, DateTimeOffset now) =>
        config.Version != _configVersion || !ReferenceEquals(snapshot, _snapshot) || now - _evaluatedAt >= evaluateEvery;

    /// <summary>Judges every rule that covers the unit; returns what changed (recorded, published).</summary>
    public List<AlertChange> Evaluate(AlertConfig config, in AlertFigures figures, DateTimeOffset now)
    {
        _configVersion = config.Version;
        _snapshot = figures.Snapshot;
        _evaluatedAt = now;
        var changes = new List<AlertChange>();
        var officeOpen = context.OfficeHours.IsOpen(now);
        foreach (var rule in config.Rules)
        {
            if (!rule.Enabled || !rule.Scope.Covers(unit))
            {
                continue;
            }

            if (!_instances.TryGetValue(rule.Id, out var instance))
            {
                _instances[rule.Id] = instance = new AlertInstance(rule.Id, unit);
            }

            var reading = rule.OfficeHoursOnly && !officeOpen && rule.Condition != AlertConditionKind.Silent
                ? new AlertReading(false, null, null, null, null, null)
                : ConditionCheck.Read(rule, unit, figures, now, context, instance);
            if (reading.Holds is null && rule.NoData != AlertNoDataState.NoData)
            {
                // Grafana's no-data handling: most rules read "nothing to divide by" as normal (no noise from 126 quiet wards).
                reading = reading with { Holds = rule.NoData == AlertNoDataState.Alerting };
            }

            if (instance.Step(rule, reading, config.SilenceOf(rule.Id, unit, now), now, context) is { } change)
            {
                changes.Add(change);
            }
        }

        // Instances whose rule was disabled, removed or narrowed away end here.
        List<string>? gone = null;
        foreach (var (ruleId, instance) in _instances)
        {
            if (config.Rule(ruleId) is not { Enabled: true } rule || !rule.Scope.Covers(unit))
            {
                (gone ??= []).Add(ruleId);
                if (instance.Remove(now) is { } removed)
                {
                    changes.Add(removed);
                }
            }
        }

        gone?.ForEach(id => _instances.Remove(id));
        return changes;
    }

    /// <summary>Acknowledges the instance of a rule; null when it has no open episode (or no such instance).</summary>
    public AlertChange? Acknowledge(string ruleId, string by, string? note, DateTimeOffset now) =>
        _instances.TryGetValue(ruleId, out var instance) ? instance.Acknowledge(by, note, now) : null;

    /// <summary>The instances not normal now (pending, firing, recovering, no data).</summary>
    public IReadOnlyList<AlertView> Views() =>
        [.. _instances.Values.Where(i => i.State != AlertState.Normal && i.View is not null).Select(i => i.View!)];

    public AlertInstance? Find(string ruleId) => _instances.GetValueOrDefault(ruleId);
}
