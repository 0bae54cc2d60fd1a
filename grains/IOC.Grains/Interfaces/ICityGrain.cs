using IOC.Grains.Alerts.Interfaces;
using IOC.Grains.Fold;
using IOC.Grains.Messages;
using Orleans;

namespace IOC.Grains.Interfaces;

/// <summary>The city: the sum of its contributors' shares (pre-aggregate, then forward). Keyed by the city's code.</summary>
public interface ICityGrain : IGrainWithStringKey, IAlertOwner
{
    /// <summary>A contributor's shares, oldest first; each is applied once, and a missing one makes the city rebuild.</summary>
    Task Merge(IReadOnlyList<CityShare> shares);

    /// <summary>Takes every contributor's pending share, then answers the figures: every batch delivered before is in.</summary>
    Task<GrainSnapshot> Refresh();

    /// <summary>Today's five-minute trend, whole (a web host seeding its live view).</summary>
    Task<CityTrend> GetTrend();
}
