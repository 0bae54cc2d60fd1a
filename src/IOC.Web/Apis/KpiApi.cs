using IOC.Access.Authorization;
using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Domain.Targets;
using IOC.Grains.Messages;
using IOC.Grains.Reading;
using IOC.Live.Feed;
using IOC.Live.KpiViews;

namespace IOC.Web.Apis;

public static class KpiApi
{
    public static IEndpointRouteBuilder MapKpiApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/kpi").WithTags("KPIs");
        api.MapGet("/city", City).WithName("GetCityKpis").WithSummary("The deployment's KPIs for a window (today, 60m, mtd, ytd): its province, or the country in national mode.");
        // Every unit at once: not for accounts limited to some units (docs/security.md).
        api.MapGet("/provinces", Provinces).WithName("GetProvinceKpis").WithSummary("Every province's KPIs for a window (national mode: the 34; otherwise the deployment's one).").RequireAuthorization(AccessPolicies.AllUnits);
        api.MapGet("/provinces/{code}", Province).WithName("GetProvinceKpi").WithSummary("One province's KPIs for a window (2-digit official code).");
        api.MapGet("/country", Country).WithName("GetCountryKpis").WithSummary("The whole country's KPIs for a window (national mode only; 404 otherwise).");
        api.MapGet("/units", Wards).WithName("GetWardKpis").WithSummary("Every ward's KPIs for a window.").RequireAuthorization(AccessPolicies.AllUnits);
        api.MapGet("/units/{code}", Ward).WithName("GetWardKpi").WithSummary("One ward's KPIs for a window.");
        api.MapGet("/agencies", Agencies).WithName("GetAgencyKpis").WithSummary("Every agency's KPIs for a window.").RequireAuthorization(AccessPolicies.AllUnits);
        api.MapGet("/agencies/{code}", Agency).WithName("GetAgencyKpi").WithSummary("One agency's KPIs for a window.");
        api.MapGet("/definitions", Definitions).WithName("GetKpiDefinitions").WithSummary("The KPI catalogue: ids, names and formulas.");
        return app;
    }

    private static Task<IResult> City(string? window, KpiReader reader, CancellationToken ct) =>
        reader.OneAsync(window, units => units.City, ct);

    private static Task<IResult> Province(string code, string? window, KpiReader reader, CancellationToken ct) =>
        reader.OneAsync(window, units => units.TryGetProvince(code, out var province) ? province : null, ct);

    private static Task<IResult> Country(string? window, KpiReader reader, CancellationToken ct) =>
        reader.OneAsync(window, units => units.Country, ct);

    private static Task<IResult> Provinces(string? window, KpiReader reader, CancellationToken ct) =>
        reader.ManyAsync(window, units => units.Provinces, ct);

    private static Task<IResult> Ward(string code, string? window, KpiReader reader, CancellationToken ct) =>
        reader.OneAsync(window, units => units.TryGetWard(code, out var ward) ? ward : null, ct);

    private static Task<IResult> Agency(string code, string? window, KpiReader reader, CancellationToken ct) =>
        reader.OneAsync(window, units => units.TryGetAgency(code, out var agency) ? agency : null, ct);

    private static Task<IResult> Wards(string? window, KpiReader reader, CancellationToken ct) =>
        reader.ManyAsync(window, units => units.Wards, ct);

    private static Task<IResult> Agencies(string? window, KpiReader reader, CancellationToken ct) =>
        reader.ManyAsync(window, units => units.Agencies, ct);

    private static IResult Definitions() => Results.Ok(KpiCatalog.All.Select(k => new KpiDefinitionDto(
        k.Id,
        k.Group,
        k.Kind.ToString(),
        k.NameVi,
        k.NameEn,
        k.Kind == KpiKind.Gauge ? null : string.Join(" + ", k.Numerator),
        k.Denominator?.ToString())));
}

/// <summary>
/// Reads the grains themselves, so a producer reads its own writes (pages read the pushed copies instead), and hands
/// what it read to this host's live view, so a page or hub client opened next shows at least as much as the API did.
/// </summary>
public sealed class KpiReader(UnitCatalog units, TargetCatalog targets, GrainReader grains, LiveStore live, TimeProvider time)
{
    public async Task<IResult> OneAsync(string? windowText, Func<UnitCatalog, Unit?> find, CancellationToken ct)
    {
        if (ParseWindow(windowText) is not { } window)
        {
            return BadWindow(windowText);
        }

        if (find(units) is not { } unit)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown unit", detail: "No unit with that code.");
        }

        var snapshot = await grains.SnapshotAsync(unit.Key);
        live.Apply([new KpiUpdate(snapshot.AsOf, snapshot)]);
        return Results.Ok(UnitKpis.From(unit, snapshot, window, targets));
    }

    public async Task<IResult> ManyAsync(string? windowText, Func<UnitCatalog, IEnumerable<Unit>> select, CancellationToken ct)
    {
        if (ParseWindow(windowText) is not { } window)
        {
            return BadWindow(windowText);
        }

        var selected = select(units).ToList();
        var snapshots = await grains.SnapshotsAsync(selected.Select(u => u.Key));
        live.Apply([.. snapshots.Select(s => new KpiUpdate(s.AsOf, s))]);
        var list = selected.Select((u, i) => UnitKpis.From(u, snapshots[i], window, targets)).ToList();
        return Results.Ok(new UnitKpisList(window.ToWire(), VietnamTime.ToLocal(time.GetUtcNow()), list));
    }

    private static KpiWindow? ParseWindow(string? text) =>
        string.IsNullOrEmpty(text) ? KpiWindow.Today : KpiWindows.TryParse(text, out var window) ? window : null;

    private static IResult BadWindow(string? text) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Bad window",
        detail: $"window '{text}' is not one of {string.Join(", ", KpiWindows.All.Select(w => w.ToWire()))}.");
}

public sealed record KpiDefinitionDto(string Id, string Group, string Kind, string NameVi, string NameEn, string? Numerator, string? Denominator);
