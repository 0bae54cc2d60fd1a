using IOC.Domain.Units;
using IOC.History.Queries;
using IOC.Web.Exports;

namespace IOC.Web.Apis;

/// <summary>Query parameters of the open-dossier list.</summary>
/// <param name="Sort">due (default), received, daysLate, procedure or id.</param>
/// <param name="Order">asc (default) or desc.</param>
/// <param name="Lang">The language of a CSV or Excel download: vi (default) or en.</param>
public sealed record OpenDossierArgs(
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "sort")] string? Sort,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "order")] string? Order,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "format")] string? Format,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "lang")] string? Lang);

public static class OpenDossiersApi
{
    /// <summary>The live list behind the drill-down's overdue table, read from the unit's grain (not from history).</summary>
    public static IEndpointRouteBuilder MapOpenDossiersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/open-dossiers").WithTags("Open dossiers");
        api.MapGet("/units/{code}", (string code, [AsParameters] OpenDossierArgs args, UnitCatalog units, OpenDossierQuery query, CancellationToken ct) =>
                units.TryGetWard(code, out var ward) ? ListAsync(ward, args, query, ct) : Task.FromResult(HistoryApi.UnknownUnit("ward", code)))
            .WithName("GetWardOpenDossiers").WithSummary("A ward's open dossiers that are overdue or due within 24 h (id, procedure, received, due, days late).");
        api.MapGet("/agencies/{code}", (string code, [AsParameters] OpenDossierArgs args, UnitCatalog units, OpenDossierQuery query, CancellationToken ct) =>
                units.TryGetAgency(code, out var agency) ? ListAsync(agency, args, query, ct) : Task.FromResult(HistoryApi.UnknownUnit("agency", code)))
            .WithName("GetAgencyOpenDossiers").WithSummary("An agency's open dossiers that are overdue or due within 24 h.");
        return app;
    }

    private static async Task<IResult> ListAsync(Unit unit, OpenDossierArgs args, OpenDossierQuery query, CancellationToken ct)
    {
        var sort = args.Sort ?? "due";
        if (!OpenDossierSort.IsKnown(sort))
        {
            return new BadArg("sort", $"sort '{args.Sort}' is not one of {string.Join(", ", OpenDossierSort.All)}.").ToResult();
        }

        var descending = (args.Order ?? "asc").ToLowerInvariant() switch
        {
            "asc" => false,
            "desc" => true,
            _ => (bool?)null,
        };
        var (format, formatError) = HistoryArgParser.Format(args.Format);
        var (language, langError) = HistoryArgParser.Lang(args.Lang);
        if ((descending is null ? new BadArg("order", $"order '{args.Order}' is not asc or desc.") : formatError ?? langError) is { } error)
        {
            return error.ToResult();
        }

        var list = await query.ListAsync(unit, sort, descending!.Value, ct);
        return Export.Answer(list, format, language, l => ExportTables.OpenDossiers(list, l));
    }
}
