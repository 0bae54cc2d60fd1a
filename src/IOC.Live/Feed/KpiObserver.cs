using IOC.Grains.Interfaces;
using IOC.Grains.Messages;

namespace IOC.Live.Feed;

/// <summary>This web host's receiver of the grains' pushes (the GPSTracker sample's remote hub): fills the <see cref="LiveStore"/>.</summary>
public sealed class KpiObserver(LiveStore store) : IKpiObserver
{
    public Task OnUpdates(IReadOnlyList<KpiUpdate> updates)
    {
        store.Apply(updates);
        return Task.CompletedTask;
    }
}
