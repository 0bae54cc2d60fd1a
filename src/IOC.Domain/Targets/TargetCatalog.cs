using IOC.Domain.Units;

namespace IOC.Domain.Targets;

/// <summary>Targets as data: a unit's own target wins over its level's.</summary>
public sealed class TargetCatalog
{
    private readonly Dictionary<(string Kpi, UnitLevel Level, string? Unit), Target> _targets;

    public TargetCatalog(IEnumerable<Target> targets)
    {
        All = targets.ToArray();
        _targets = new();
        foreach (var target in All)
        {
            if (!_targets.TryAdd((target.Kpi, target.Level, target.UnitCode), target))
            {
                throw new InvalidDataException(
                    $"Duplicate target for KPI '{target.Kpi}', level '{target.Level.ToWire()}', unit '{target.UnitCode ?? "(all)"}'.");
            }
        }
    }

    public IReadOnlyList<Target> All { get; }

    public Target? Find(string kpi, UnitKey unit) =>
        _targets.GetValueOrDefault((kpi, unit.Level, unit.Code)) ?? _targets.GetValueOrDefault((kpi, unit.Level, null));
}
