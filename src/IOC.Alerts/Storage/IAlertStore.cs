using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Ports;

namespace IOC.Alerts.Storage;

/// <summary>
/// The alert store as the host uses it: the grains' ports (rules and silences, instances to take back) and what the
/// writer, the API, the pages and the webhooks read and write. <see cref="SqliteAlertStore"/> (alerts.db in the data
/// folder, the embedded default) or <see cref="PostgresAlertStore"/> (one database every node of a cluster shares).
/// </summary>
public interface IAlertStore : IAlertConfigStore, IAlertRecovery
{
    /// <summary>Where the store is, for messages.</summary>
    string Describe { get; }

    /// <summary>
    /// One cheap round trip to the store (<c>SELECT 1</c>): throws <see cref="AlertStoreUnavailableException"/> naming
    /// the store when it cannot be reached. For /health and before a person's action, so that an action the store
    /// cannot record is refused instead of being done in memory only.
    /// </summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>Records changes in one transaction: each in the history, and the instance's latest state.</summary>
    void Write(IReadOnlyList<AlertChange> changes);

    /// <summary>The recorded changes that pass the filter, newest first.</summary>
    IReadOnlyList<AlertHistoryEntry> History(AlertHistoryFilter filter);

    /// <summary>Records who changed a rule or a silence.</summary>
    void Audit(AlertAuditEntry entry);

    /// <summary>The audit, newest first.</summary>
    IReadOnlyList<AlertAuditEntry> AuditTrail(int limit = 500);

    /// <summary>Keeps a webhook delivery that failed its last try.</summary>
    void AddDeadLetter(WebhookDeadLetter letter);

    /// <summary>The dead letters, newest first.</summary>
    IReadOnlyList<WebhookDeadLetter> DeadLetters(int limit = 100);
}
