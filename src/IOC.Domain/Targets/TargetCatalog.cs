using IOC.Domain.Units;

namespace IOC.Domain.Targets;

/// <summary>
/// Targets as data: a unit's own target wins over its province's target for its level, which wins over the national
/// one for the level. Province targets need to know a unit's province (<c>provinceOf</c>); a single-province deployment
/// carries its targets as level-wide ones and needs none.
/// </summary>
public sealed class TargetCatalog
{
    private readonly Dictionary<(string Kpi, UnitLevel Level, string Unit), Target> _byUnit = new();
    private readonly Dictionary<(string Kpi, UnitLevel Level, string Province), Target> _byProvince = new();
    private readonly Dictionary<(string Kpi, UnitLevel Level), Target> _national = new();
    private readonly Func<UnitKey, string?>? _provinceOf;

    public TargetCatalog(IEnumerable<Target> targets, Func<UnitKey, string?>? provinceOf = null)
    {
        All = targets.ToArray();
        _provinceOf = provinceOf;
        foreach (var target in All)
        {
            var added = target switch
            {
                { UnitCode: { } unit } => _byUnit.TryAdd((target.Kpi, target.Level, unit), target),
                { Province: { } province } => _byProvince.TryAdd((target.Kpi, target.Level, province), target),
                _ => _national.TryAdd((target.Kpi, target.Level), target),
            };
            if (!added)
            {
                var province = target.Province is { } p ? $", province '{p}'" : "";
                throw new InvalidDataException(
                    $"Duplicate target for KPI '{target.Kpi}', level '{target.Level.ToWire()}', unit '{target.UnitCode ?? "(all)"}'{province}.");
            }
        }
    }

    public IReadOnlyList<Target> All { get; }

    public Target? Find(string kpi, UnitKey unit)
    {
        if (_byUnit.Count > 0 && _byUnit.TryGetValue((kpi, unit.Level, unit.Code), out var own))
        {
            return own;
        }

        if (_byProvince.Count > 0 && _provinceOf?.Invoke(unit) is { } province && _byProvince.TryGetValue((kpi, unit.Level, province), out var provinces))
        {
            return provinces;
        }

        return _national.GetValueOrDefault((kpi, unit.Level));
    }
}
