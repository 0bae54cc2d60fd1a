namespace IOC.Live.Hub;

/// <summary>
/// A hub group fed by something other than the KPI feed (the <c>alerts</c> group): it has a name, a snapshot, a diff
/// between two snapshots, and tells when it changed. Registered in DI; the hub lets clients subscribe to it like any
/// group (snapshot first, then coalesced updates, the same outboxes and limits).
/// </summary>
public interface IHubFeed
{
    /// <summary>The group name clients subscribe to.</summary>
    string Name { get; }

    /// <summary>What a new member gets first (and the baseline of the next diff).</summary>
    object Read();

    /// <summary>The changes between two snapshots; null when nothing a client shows changed.</summary>
    IGroupUpdate? Diff(object before, object after);

    /// <summary>Calls <paramref name="changed"/> when the snapshot may differ; disposing stops it.</summary>
    IDisposable Subscribe(Action changed);
}
