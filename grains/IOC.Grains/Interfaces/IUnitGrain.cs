using IOC.Grains.Alerts.Interfaces;
using IOC.Grains.Fold;
using IOC.Grains.Messages;
using Orleans;
using Orleans.Concurrency;

namespace IOC.Grains.Interfaces;

/// <summary>What every unit grain (ward, agency, the city's direct work) answers. Keyed by the unit's code.</summary>
public interface IUnitGrain : IGrainWithStringKey, IAlertOwner
{
    /// <summary>Folds the unit's events of one ingested batch; a batch delivered twice counts once.</summary>
    Task Fold(EventBatch batch);

    /// <summary>The unit's figures now, including every batch delivered before the call.</summary>
    Task<GrainSnapshot> GetSnapshot();

    /// <summary>Hands over what was folded until now (to the history, and to the city's pending shares) without waiting for the tick.</summary>
    Task Flush();

    /// <summary>
    /// Folds a quarantined event again (an operator's replay after a fix); null when it is now counted (and released from
    /// the quarantine), otherwise why it still cannot be.
    /// </summary>
    Task<string?> Refold(InboxEvent e);

    /// <summary>What the grain holds in memory (operators, and the memory tests).</summary>
    Task<UnitFootprint> GetFootprint();

    /// <summary>The open dossiers due at or before <paramref name="dueBefore"/> (null: all of them).</summary>
    Task<IReadOnlyList<OpenDossier>> GetOpenDossiers(DateTimeOffset? dueBefore);

    /// <summary>The open dossiers and tickets whose ids start with <paramref name="idPrefix"/>.</summary>
    Task<OpenWork> GetOpenWork(string idPrefix);
}

/// <summary>A unit the city counts every event of (a ward, the city's direct work): it forwards numbered shares.</summary>
public interface ICityContributor : IUnitGrain
{
    /// <summary>
    /// Everything the unit counted for the city, as whole buckets; pending shares are included and dropped. Interleaves
    /// with a tick that is waiting on the city (which may be the caller), so a city rebuilding itself never deadlocks.
    /// </summary>
    [AlwaysInterleave]
    Task<CityContribution> PullContribution();

    /// <summary>The shares not yet taken by the city, after handing over what was folded until now (read your writes).</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<CityShare>> FlushToCity();
}

public interface IWardGrain : ICityContributor;

public interface IAgencyGrain : IUnitGrain;

/// <summary>
/// The city's direct work: events that name an agency but no ward (an agency's own dossiers, its documents). The city
/// counts them through this grain, as it counts a ward's through the ward, so the agencies themselves never feed the city.
/// </summary>
public interface ICityWorkGrain : ICityContributor;
