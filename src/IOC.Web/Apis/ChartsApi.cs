using IOC.Domain.Units;

namespace IOC.Web.Apis;

public static class ChartsApi
{
    /// <summary>/api/v1/charts/{city | units | agencies}/{code}.{png | svg}: a KPI's history against its target as a picture; see docs/charts.md.</summary>
    public static IEndpointRouteBuilder MapChartsApi(this IEndpointRouteBuilder app)
    {
        ChartFontLog.WarnIfMissing(app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("IOC.Web.Charts"));
        var api = app.MapGroup("/api/v1/charts").WithTags("Charts").AddEndpointFilter(HistoryApi.ServerTiming);
        const string Summary = "A KPI per step over a range against its target, as a PNG (or SVG) titled with the unit and the period.";
        api.MapGet("/city/{code}.{format}", (string code, string format, [AsParameters] ChartArgs args, ChartEndpoints charts, CancellationToken ct) =>
                code == charts.Units.City.Code ? Guard(charts, charts.Units.City, format, args, ct) : Task.FromResult(HistoryApi.UnknownUnit("city", code)))
            .WithName("GetCityChart").WithSummary("The deployment's province (Hanoi: 01), or the country (VN) in national mode. " + Summary).Produces(200, contentType: "image/png").Produces(200, contentType: "image/svg+xml");
        api.MapGet("/units/{code}.{format}", (string code, string format, [AsParameters] ChartArgs args, ChartEndpoints charts, CancellationToken ct) =>
                charts.Units.TryGetWard(code, out var ward) ? Guard(charts, ward, format, args, ct) : Task.FromResult(HistoryApi.UnknownUnit("ward", code)))
            .WithName("GetWardChart").WithSummary("One ward. " + Summary).Produces(200, contentType: "image/png").Produces(200, contentType: "image/svg+xml");
        api.MapGet("/agencies/{code}.{format}", (string code, string format, [AsParameters] ChartArgs args, ChartEndpoints charts, CancellationToken ct) =>
                charts.Units.TryGetAgency(code, out var agency) ? Guard(charts, agency, format, args, ct) : Task.FromResult(HistoryApi.UnknownUnit("agency", code)))
            .WithName("GetAgencyChart").WithSummary("One agency. " + Summary).Produces(200, contentType: "image/png").Produces(200, contentType: "image/svg+xml");
        return app;
    }

    private static Task<IResult> Guard(ChartEndpoints charts, Unit unit, string format, ChartArgs args, CancellationToken ct) =>
        HistoryEndpoints.GuardAsync(() => charts.ChartAsync(unit, format, args, ct));
}
