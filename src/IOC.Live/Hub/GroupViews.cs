using IOC.Domain.Time;
using IOC.Live.Feed;
using IOC.Live.KpiViews;

namespace IOC.Live.Hub;

/// <summary>What a group shows (its snapshot) and how two of them differ (its update), window today.</summary>
public static class GroupViews
{
    /// <summary>A unit group's snapshot is exactly the KPI API's unit answer (<see cref="UnitKpis"/>); <c>wards</c> is a <see cref="WardsTable"/>.</summary>
    public static object Read(HubGroup group, LiveKpis live) => group.Kind switch
    {
        HubGroupKind.Wards => WardsTable.From(live.Wards(), VietnamTime.ToLocal(live.LastTick ?? DateTimeOffset.UnixEpoch)),
        HubGroupKind.Feed => group.Feed!.Read(),
        _ => live.Get(group.Unit!),
    };

    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/>; null when nothing a client shows changed.</summary>
    public static IGroupUpdate? Diff(HubGroup group, object before, object after) => group.Kind switch
    {
        HubGroupKind.Wards => WardsUpdate.Diff((WardsTable)before, (WardsTable)after),
        HubGroupKind.Feed => group.Feed!.Diff(before, after),
        _ => KpiUpdate.Diff(group.Name, (UnitKpis)before, (UnitKpis)after),
    };
}
