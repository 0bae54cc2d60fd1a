using IOC.Domain.Units;
using IOC.Live.Hub;

namespace IOC.Alerts.Live;

/// <summary>The <c>alerts</c> group's snapshot: every instance not normal now.</summary>
public sealed record AlertsSnapshot(DateTimeOffset AsOf, IReadOnlyList<AlertDto> Alerts);

/// <summary>The <c>alerts</c> group's update: the instances that changed or appeared, and the ids of those that left.</summary>
public sealed record AlertsUpdate(string Group, DateTimeOffset AsOf, IReadOnlyList<AlertDto> Changed, IReadOnlyList<string> Removed) : IGroupUpdate
{
    int IGroupUpdate.Count => Changed.Count + Removed.Count;

    public static AlertsUpdate? Diff(string group, AlertsSnapshot before, AlertsSnapshot after)
    {
        var old = before.Alerts.ToDictionary(a => a.Id);
        var changed = after.Alerts.Where(a => !old.TryGetValue(a.Id, out var o) || o != a).ToList();
        var now = after.Alerts.Select(a => a.Id).ToHashSet();
        var removed = before.Alerts.Where(a => !now.Contains(a.Id)).Select(a => a.Id).ToList();
        return changed.Count + removed.Count == 0 ? null : new AlertsUpdate(group, after.AsOf, changed, removed);
    }

    IGroupUpdate IGroupUpdate.Merge(IGroupUpdate newer)
    {
        var next = (AlertsUpdate)newer;
        var changed = Changed.Where(a => !next.Removed.Contains(a.Id)).ToDictionary(a => a.Id);
        foreach (var alert in next.Changed)
        {
            changed[alert.Id] = alert;
        }

        var removed = Removed.Where(id => !changed.ContainsKey(id)).Union(next.Removed).ToList();
        return new AlertsUpdate(Group, next.AsOf, [.. changed.Values], removed);
    }

    object IGroupUpdate.ApplyTo(object snapshot)
    {
        var alerts = ((AlertsSnapshot)snapshot).Alerts.Where(a => !Removed.Contains(a.Id)).ToDictionary(a => a.Id);
        foreach (var alert in Changed)
        {
            alerts[alert.Id] = alert;
        }

        return new AlertsSnapshot(AsOf, [.. alerts.Values]);
    }
}

/// <summary>The hub's <c>alerts</c> group (docs/signalr.md): a snapshot of the board, then what changed.</summary>
public sealed class AlertsHubFeed(AlertBoard board, UnitCatalog units) : IHubFeed
{
    public const string GroupName = "alerts";

    public string Name => GroupName;

    public object Read() => new AlertsSnapshot(board.AsOf, [.. board.Alerts.Select(a => AlertDto.From(a, units))]);

    public IGroupUpdate? Diff(object before, object after) => AlertsUpdate.Diff(Name, (AlertsSnapshot)before, (AlertsSnapshot)after);

    public IDisposable Subscribe(Action changed) => board.Subscribe(changed);
}
