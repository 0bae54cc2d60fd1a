using IOC.Domain.Units;

namespace IOC.Web.Apis;

public static class UnitsApi
{
    public static IEndpointRouteBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/units", (UnitCatalog units) => Results.Ok(units.All.Select(u => UnitDto.From(u, units))))
            .WithTags("Units")
            .WithName("GetUnits")
            .WithSummary("The deployment's head (its province, or the country), its wards and communes, its agencies and, in national mode, the 34 provinces (codes, names, the province each belongs to).");
        return app;
    }
}

/// <param name="Province">The code of the province a ward, commune or agency belongs to; null for a province and the country.</param>
public sealed record UnitDto(
    string Code,
    string Name,
    string NameEn,
    string Type,
    string Level,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Province = null)
{
    public static UnitDto From(Unit unit) => new(unit.Code, unit.Name, unit.NameEn, unit.Type, unit.Level.ToWire());

    public static UnitDto From(Unit unit, UnitCatalog units) => From(unit) with
    {
        Province = unit.Level is UnitLevel.Ward or UnitLevel.Agency ? units.ProvinceOf(unit.Key)?.Code : null,
    };
}
