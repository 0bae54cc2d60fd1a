using IOC.Live.Feed;
using Microsoft.AspNetCore.SignalR;
using SignalRHub = Microsoft.AspNetCore.SignalR.Hub;

namespace IOC.Live.Hub;

/// <summary>
/// Pushes live KPIs to wallboards and other clients: <c>Subscribe(group)</c> sends the group's <c>snapshot</c>,
/// then coalesced <c>update</c>s (docs/signalr.md). Delivery is the broadcaster's; the hub only joins and leaves.
/// </summary>
public sealed class KpiHub(KpiBroadcaster broadcaster, LiveKpis live, IEnumerable<IHubFeed> feeds) : SignalRHub
{
    public const string Path = "/hubs/kpi";

    public override Task OnConnectedAsync()
    {
        broadcaster.Connect(Context.ConnectionId, Context.Abort);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        broadcaster.Disconnect(Context.ConnectionId);
        return Task.CompletedTask;
    }

    /// <summary>Joins a group; completes once the group's snapshot has been written to this connection.</summary>
    public Task Subscribe(string? group) => broadcaster.SubscribeAsync(Context.ConnectionId, Parse(group));

    /// <summary>Leaves a group; nothing more of it is sent (a message already on the wire may still arrive).</summary>
    public void Unsubscribe(string? group) => broadcaster.Unsubscribe(Context.ConnectionId, Parse(group).Name);

    private HubGroup Parse(string? group) =>
        HubGroup.TryParse(group, live.Units, feeds, out var parsed, out var error) ? parsed : throw new HubException(error);
}
