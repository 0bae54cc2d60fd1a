using IOC.Domain.Events;
using IOC.Domain.Units;

namespace IOC.Grains.Grains;

/// <summary>One ward or commune: every event with its code in <c>unit</c>. The city counts all of them.</summary>
public sealed class WardGrain(string code) : UnitGrain(new UnitKey(UnitLevel.Ward, code))
{
    protected override bool CountsForCity(IocEvent e) => true;

    protected override bool CityCountsEveryEvent => true;
}
