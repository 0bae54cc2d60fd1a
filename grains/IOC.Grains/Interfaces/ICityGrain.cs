using IOC.Grains.Alerts.Interfaces;
using IOC.Grains.Fold;
using IOC.Grains.Messages;
using Orleans;
using Orleans.Concurrency;

namespace IOC.Grains.Interfaces;

/// <summary>
/// A roll-up: the sum of its contributors' shares (pre-aggregate, then forward). A province (<see cref="ICityGrain"/>,
/// keyed by its code) sums its wards and its direct work; the country (<see cref="ICountryGrain"/>) sums the provinces.
/// </summary>
public interface IRollupGrain : IGrainWithStringKey
{
    /// <summary>A contributor's shares, oldest first; each is applied once, and a missing one makes the roll-up rebuild.</summary>
    Task Merge(IReadOnlyList<CityShare> shares);

    /// <summary>Takes every contributor's pending share, then answers the figures: every batch delivered before is in.</summary>
    Task<GrainSnapshot> Refresh();

    /// <summary>Today's five-minute trend, whole (a web host seeding its live view).</summary>
    Task<CityTrend> GetTrend();
}

/// <summary>A province as the country sees it (national mode): it forwards numbered shares of what it applied.</summary>
public interface ICountryContributor : IGrainWithStringKey
{
    /// <summary>
    /// Everything the province counted, as whole buckets; its pending shares for the country are included and dropped.
    /// Interleaves with a tick that is waiting on the country (which may be the caller), so a country rebuilding itself
    /// never deadlocks.
    /// </summary>
    [AlwaysInterleave]
    Task<CityContribution> PullContribution();

    /// <summary>
    /// Takes its own contributors' pending shares, then answers its shares not yet taken by the country (read your
    /// writes). Interleaves for the same reason as <see cref="PullContribution"/>.
    /// </summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<CityShare>> FlushToCountry();
}

/// <summary>A province (the "city" of the API; key: its code): the sum of its wards and its direct work.</summary>
public interface ICityGrain : IRollupGrain, ICountryContributor, IAlertOwner;

/// <summary>The country (national mode; key <c>VN</c>): the sum of the 34 provinces.</summary>
public interface ICountryGrain : IRollupGrain;
