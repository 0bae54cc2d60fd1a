using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Rules;

namespace IOC.Grains.Alerts.Ports;

/// <summary>
/// Where a silo's grains hand their alert changes: the alert store (history, the instances' state for a restart) and
/// the webhooks. Never blocks the evaluation: it queues.
/// </summary>
public interface IAlertSink
{
    void Enqueue(IReadOnlyList<AlertChange> changes);
}

/// <summary>What the store held of a unit's instances, for its grain's activation (alert history survives a restart).</summary>
public interface IAlertRecovery
{
    Task<IReadOnlyList<AlertView>> LoadAsync(UnitKey unit, CancellationToken cancellationToken);
}

/// <summary>Where the rules and silences are kept (the data folder); seeded from seed-data/alert-rules.csv on a first start.</summary>
public interface IAlertConfigStore
{
    Task<AlertConfig> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Saves a rule added or changed and the configuration's new version, together.</summary>
    Task SaveRuleAsync(AlertRule rule, long version, CancellationToken cancellationToken);

    /// <summary>Saves a silence added or ended and the configuration's new version, together.</summary>
    Task SaveSilenceAsync(AlertSilence silence, long version, CancellationToken cancellationToken);
}
