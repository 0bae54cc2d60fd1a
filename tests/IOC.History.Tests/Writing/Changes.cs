using IOC.Domain.Events;
using IOC.Domain.Units;
using IOC.Grains.Fold;

namespace IOC.History.Tests.Writing;

/// <summary>Builds a unit's changes the way its grain does: events folded, then handed over with the cut.</summary>
internal static class Changes
{
    /// <summary>An agency's unit: its rows are its own (the city adds no series of its own for it).</summary>
    public static readonly UnitKey Agency = new(UnitLevel.Agency, "VPTU");

    /// <param name="key">Whose changes (default: <see cref="Agency"/>); the buffer does not look at the events' own unit.</param>
    public static IReadOnlyList<UnitChanges> Of(long through, IocEvent[] events, UnitKey? key = null)
    {
        var fold = new UnitFold(key ?? Agency);
        foreach (var e in events)
        {
            fold.Receive(e);
        }

        fold.Resume(new FoldCut(through, []));
        return [fold.TakeChanges()];
    }

    public static IReadOnlyList<UnitChanges> Of(long through, params IocEvent[] events) => Of(through, events, null);
}
