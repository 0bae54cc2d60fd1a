using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Rules;
using Orleans;
using Orleans.Runtime;

namespace IOC.Grains.Alerts.Interfaces;

/// <summary>
/// A grain that owns the alert instances of its unit (a ward, an agency, the city's direct work, the city): it
/// evaluates them on its timer, and is the one place they are acknowledged. Reached through the unit's own grain
/// interface (IUnitGrain, ICityGrain), never by this interface alone.
/// </summary>
public interface IAlertOwner : IGrainWithStringKey
{
    /// <summary>Acknowledges the instance of <paramref name="ruleId"/>; null when it has no pending or firing episode.</summary>
    Task<AlertView?> Acknowledge(string ruleId, string by, string? note);

    /// <summary>The unit's instances that are not normal now.</summary>
    Task<IReadOnlyList<AlertView>> GetAlerts();
}

/// <summary>
/// The rules and silences of the cluster (one activation, key 0), kept in the alert store. Every silo's evaluation reads
/// a copy (AlertConfigCache) refreshed every few seconds and at once on the silo that made a change.
/// </summary>
public interface IAlertConfigGrain : IGrainWithIntegerKey
{
    Task<AlertConfig> Get();

    /// <summary>The configuration when its version differs from <paramref name="version"/>; null when it is the same.</summary>
    Task<AlertConfig?> GetIfChanged(long version);

    /// <summary>Adds a rule or replaces the one with its id (a checked rule: see AlertRuleChecker).</summary>
    Task<AlertConfig> PutRule(AlertRule rule);

    Task<AlertConfig> AddSilence(AlertSilence silence);

    /// <summary>Ends a silence early; the configuration unchanged when none with that id is running.</summary>
    Task<AlertConfig> EndSilence(string id, string by, DateTimeOffset at);
}

/// <summary>A web host's receiver of alert changes (the sibling of IKpiObserver): one per host.</summary>
public interface IAlertObserver : IGrainObserver
{
    Task OnAlerts(IReadOnlyList<AlertChange> changes);
}

/// <summary>The alert observers of the cluster's web hosts (one activation, key 0), as ObserverRegistryGrain is for KPIs.</summary>
public interface IAlertObserverRegistryGrain : IGrainWithIntegerKey
{
    Task Register(SiloAddress host, IAlertObserver observer);

    Task<IReadOnlyList<IAlertObserver>> GetObservers();
}

/// <summary>Batches this silo's alert changes to every web host ([StatelessWorker(1)], as KpiPublisherGrain).</summary>
public interface IAlertPublisherGrain : IGrainWithIntegerKey
{
    Task Publish(IReadOnlyList<AlertChange> changes);
}
