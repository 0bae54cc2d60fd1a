using IOC.Domain.Units;

namespace IOC.Web.Apis;

public static class HistoryApi
{
    /// <summary>/api/v1/history/{city | units/{code} | agencies/{code} | provinces/{code} | country}[/summary | /dossiers]; see docs/history.md.</summary>
    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/history").WithTags("History").AddEndpointFilter(ServerTiming);
        Map<SeriesArgs>(api, "", "Series", "A KPI per step (5m, 1h, 1d) over a range, with numerator and denominator.", (h, u, a, ct) => HistoryEndpoints.GuardAsync(() => h.SeriesAsync(u, a, ct)));
        Map<RangeArgs>(api, "/summary", "Summary", "Every KPI over a range against its target, the previous range of the same length and the city.", (h, u, a, ct) => HistoryEndpoints.GuardAsync(() => h.SummaryAsync(u, a, ct)));
        Map<RangeArgs>(api, "/dossiers", "Dossiers", "Dossiers over a range by intake channel and by procedure.", (h, u, a, ct) => HistoryEndpoints.GuardAsync(() => h.DossiersAsync(u, a, ct)));
        return app;
    }

    private static void Map<TArgs>(RouteGroupBuilder api, string suffix, string name, string summary, Func<HistoryEndpoints, Unit, TArgs, CancellationToken, Task<IResult>> handle)
    {
        api.MapGet("/city" + suffix, ([AsParameters] TArgs args, HistoryEndpoints h, CancellationToken ct) => handle(h, h.Units.City, args, ct))
            .WithName($"GetCityHistory{name}").WithSummary("The deployment's province (the country in national mode). " + summary);
        api.MapGet("/provinces/{code}" + suffix, (string code, [AsParameters] TArgs args, HistoryEndpoints h, CancellationToken ct) =>
                h.Units.TryGetProvince(code, out var province) ? handle(h, province, args, ct) : Task.FromResult(UnknownUnit("province", code)))
            .WithName($"GetProvinceHistory{name}").WithSummary("One province (2-digit code). " + summary);
        api.MapGet("/country" + suffix, ([AsParameters] TArgs args, HistoryEndpoints h, CancellationToken ct) =>
                h.Units.Country is { } country ? handle(h, country, args, ct) : Task.FromResult(NotNational()))
            .WithName($"GetCountryHistory{name}").WithSummary("The whole country (national mode). " + summary);
        api.MapGet("/units/{code}" + suffix, (string code, [AsParameters] TArgs args, HistoryEndpoints h, CancellationToken ct) =>
                h.Units.TryGetWard(code, out var ward) ? handle(h, ward, args, ct) : Task.FromResult(UnknownUnit("ward", code)))
            .WithName($"GetWardHistory{name}").WithSummary("One ward. " + summary);
        api.MapGet("/agencies/{code}" + suffix, (string code, [AsParameters] TArgs args, HistoryEndpoints h, CancellationToken ct) =>
                h.Units.TryGetAgency(code, out var agency) ? handle(h, agency, args, ct) : Task.FromResult(UnknownUnit("agency", code)))
            .WithName($"GetAgencyHistory{name}").WithSummary("One agency. " + summary);
    }

    /// <summary>Server-Timing: app;dur=ms — the handler's time (validation, catch-up, store reads), for benchmarks and browsers' dev tools.</summary>
    public static async ValueTask<object?> ServerTiming(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await next(context);
        var ms = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        context.HttpContext.Response.Headers["Server-Timing"] = $"app;dur={ms.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}";
        return result;
    }

    public static IResult NotNational() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown unit", detail: "This deployment watches one province; the country is there in national mode (Ioc:Province=country).");

    public static IResult UnknownUnit(string level, string code) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown unit", detail: $"No {level} with code '{code}'.");
}
