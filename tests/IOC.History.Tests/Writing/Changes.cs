using IOC.Domain.Events;
using IOC.Domain.Units;
using IOC.Grains.Grains;
using IOC.Grains.Publishing;
using IOC.Grains.Routing;

namespace IOC.History.Tests.Writing;

/// <summary>Builds a tick's history changes the way grains do: events folded by a ward grain, then handed over.</summary>
internal static class Changes
{
    public static HistoryChanges Of(long through, params IocEvent[] events)
    {
        var units = new List<GrainChanges>();
        foreach (var ward in events.GroupBy(e => e.Unit!))
        {
            var grain = new WardGrain(ward.Key);
            foreach (var e in ward)
            {
                grain.Receive(e);
            }

            var deltas = grain.TakeDeltas();
            units.Add(new GrainChanges(new UnitKey(UnitLevel.Ward, ward.Key), deltas.Unit, deltas.Open));
        }

        return new HistoryChanges(new FoldCut(through, []), units);
    }
}
