using IOC.Domain.Events;
using IOC.Domain.Units;

namespace IOC.Grains.Grains;

/// <summary>
/// One city agency: every event with its code in <c>agency</c>. An event that also names a ward is already
/// counted for the city by that ward, so the agency forwards to the city only the events that name no ward.
/// </summary>
public sealed class AgencyGrain(string code) : UnitGrain(new UnitKey(UnitLevel.Agency, code))
{
    protected override bool CountsForCity(IocEvent e) => e.Unit is null;
}
