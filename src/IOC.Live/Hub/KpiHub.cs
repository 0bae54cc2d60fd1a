using IOC.Access.Authorization;
using IOC.Live.Feed;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SignalRHub = Microsoft.AspNetCore.SignalR.Hub;

namespace IOC.Live.Hub;

/// <summary>
/// Pushes live KPIs to wallboards and other clients: <c>Subscribe(group)</c> sends the group's <c>snapshot</c>,
/// then coalesced <c>update</c>s (docs/signalr.md). Delivery is the broadcaster's; the hub only joins and leaves.
/// A viewer (person, paired device, service token) may connect; a unit-limited one may join the city and its own
/// units' groups only. A connection whose access is revoked is closed at once.
/// </summary>
[Authorize(Policy = AccessPolicies.Viewer)]
public sealed class KpiHub(KpiBroadcaster broadcaster, LiveKpis live, IEnumerable<IHubFeed> feeds, AccessRevocations revocations) : SignalRHub
{
    public const string Path = "/hubs/kpi";

    private const string WatchKey = "ioc:revocation-watch";

    public override Task OnConnectedAsync()
    {
        broadcaster.Connect(Context.ConnectionId, Context.Abort);
        Context.Items[WatchKey] = revocations.Watch(Context.User!, Context.Abort);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        broadcaster.Disconnect(Context.ConnectionId);
        (Context.Items[WatchKey] as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Joins a group; completes once the group's snapshot has been written to this connection.</summary>
    public Task Subscribe(string? group) => broadcaster.SubscribeAsync(Context.ConnectionId, Allowed(Parse(group)));

    /// <summary>Leaves a group; nothing more of it is sent (a message already on the wire may still arrive).</summary>
    public void Unsubscribe(string? group) => broadcaster.Unsubscribe(Context.ConnectionId, Parse(group).Name);

    private HubGroup Parse(string? group) =>
        HubGroup.TryParse(group, live.Units, feeds, out var parsed, out var error) ? parsed : throw new HubException(error);

    /// <summary>The same unit limits as the pages and APIs: a ward's staff follow their ward and the city, not the others.</summary>
    private HubGroup Allowed(HubGroup group)
    {
        var user = Context.User!;
        var allowed = group.Unit is { } unit ? user.MayRead(unit.Level, unit.Code) : !user.IsUnitLimited();
        return allowed ? group : throw new HubException($"Not allowed: group '{group.Name}' is outside the units this account may see.");
    }
}
