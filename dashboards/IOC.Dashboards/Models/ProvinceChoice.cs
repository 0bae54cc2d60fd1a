using IOC.Domain.Units;

namespace IOC.Dashboards.Models;

/// <summary>The <c>?province=</c> filter of the national lists of communes (/wards, /psi).</summary>
public static class ProvinceChoice
{
    /// <summary>
    /// The province a code names in national mode, or null for all (no code, an empty one, or a province deployment,
    /// which has one province only). A code naming no province comes back as the error, shown on the page; the page
    /// then lists every commune rather than none.
    /// </summary>
    public static (Unit? Province, string? Unknown) Read(UnitCatalog units, string? code)
    {
        if (!units.IsNational || string.IsNullOrWhiteSpace(code))
        {
            return (null, null);
        }

        var trimmed = code.Trim();
        return units.TryGetProvince(trimmed, out var province) ? (province, null) : (null, trimmed);
    }
}
