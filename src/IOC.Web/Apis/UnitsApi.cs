using IOC.Domain.Units;

namespace IOC.Web.Apis;

public static class UnitsApi
{
    public static IEndpointRouteBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/units", (UnitCatalog units) => Results.Ok(units.All.Select(UnitDto.From)))
            .WithTags("Units")
            .WithName("GetUnits")
            .WithSummary("The city, its 126 wards and communes, and its agencies (codes and names).");
        return app;
    }
}

public sealed record UnitDto(string Code, string Name, string NameEn, string Type, string Level)
{
    public static UnitDto From(Unit unit) => new(unit.Code, unit.Name, unit.NameEn, unit.Type, unit.Level.ToWire());
}
