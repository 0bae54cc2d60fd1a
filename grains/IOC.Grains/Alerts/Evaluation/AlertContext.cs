using IOC.Domain.Targets;
using IOC.Domain.Units;

namespace IOC.Grains.Alerts.Evaluation;

/// <summary>What every evaluation reads besides a unit's figures: names, targets and office hours.</summary>
public sealed class AlertContext(UnitCatalog units, TargetCatalog targets, OfficeHours officeHours)
{
    public UnitCatalog Units => units;

    public TargetCatalog Targets => targets;

    public OfficeHours OfficeHours => officeHours;

    /// <summary>The unit's name as a sentence opens with it ("Phường Cửa Nam", "Cua Nam Ward").</summary>
    public (string Vi, string En) NameOf(UnitKey key) => units.Find(key) is { } unit
        ? (unit.Level == UnitLevel.Agency ? unit.ShortName : unit.Name, unit.Level == UnitLevel.Agency ? unit.ShortNameEn : unit.NameEn)
        : (key.Code, key.Code);
}
