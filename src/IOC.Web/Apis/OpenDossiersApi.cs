using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Routing;
using IOC.Web.Exports;

namespace IOC.Web.Apis;

/// <summary>Query parameters of the open-dossier list.</summary>
/// <param name="Sort">due (default), received, daysLate, procedure or id.</param>
/// <param name="Order">asc (default) or desc.</param>
public sealed record OpenDossierArgs(
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "sort")] string? Sort,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "order")] string? Order,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "format")] string? Format);

/// <summary>A unit's open dossiers that are overdue or due within 24 h, as of <see cref="AsOf"/>.</summary>
public sealed record OpenDossierList(UnitRef Unit, DateTimeOffset AsOf, int Overdue, int DueSoon, IReadOnlyList<OpenDossierItem> Items);

/// <param name="DaysLate">Started days past due (1 h late is 1 day late); 0 when not due yet.</param>
/// <param name="Status">overdue or dueSoon.</param>
public sealed record OpenDossierItem(string Id, string Procedure, string Channel, DateTimeOffset Received, DateTimeOffset Due, double HoursLate, int DaysLate, string Status);

public static class OpenDossiersApi
{
    private static readonly string[] Sorts = ["due", "received", "daysLate", "procedure", "id"];

    /// <summary>The live list behind the drill-down's overdue table, read from the unit's grain (not from history).</summary>
    public static IEndpointRouteBuilder MapOpenDossiersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/open-dossiers").WithTags("Open dossiers");
        api.MapGet("/units/{code}", (string code, [AsParameters] OpenDossierArgs args, UnitCatalog units, GrainRouter router, TimeProvider time, CancellationToken ct) =>
                units.TryGetWard(code, out var ward) ? ListAsync(ward, args, router, time, ct) : Task.FromResult(HistoryApi.UnknownUnit("ward", code)))
            .WithName("GetWardOpenDossiers").WithSummary("A ward's open dossiers that are overdue or due within 24 h (id, procedure, received, due, days late).");
        api.MapGet("/agencies/{code}", (string code, [AsParameters] OpenDossierArgs args, UnitCatalog units, GrainRouter router, TimeProvider time, CancellationToken ct) =>
                units.TryGetAgency(code, out var agency) ? ListAsync(agency, args, router, time, ct) : Task.FromResult(HistoryApi.UnknownUnit("agency", code)))
            .WithName("GetAgencyOpenDossiers").WithSummary("An agency's open dossiers that are overdue or due within 24 h.");
        return app;
    }

    private static async Task<IResult> ListAsync(Unit unit, OpenDossierArgs args, GrainRouter router, TimeProvider time, CancellationToken ct)
    {
        var sort = args.Sort ?? "due";
        if (!Sorts.Contains(sort, StringComparer.OrdinalIgnoreCase))
        {
            return new BadArg("sort", $"sort '{args.Sort}' is not one of {string.Join(", ", Sorts)}.").ToResult();
        }

        var descending = (args.Order ?? "asc").ToLowerInvariant() switch
        {
            "asc" => false,
            "desc" => true,
            _ => (bool?)null,
        };
        var (format, formatError) = HistoryArgParser.Format(args.Format);
        if ((descending is null ? new BadArg("order", $"order '{args.Order}' is not asc or desc.") : formatError) is { } error)
        {
            return error.ToResult();
        }

        var now = time.GetUtcNow();
        var soon = now + Gauges.DueSoonSpan;

        // Copied on the grain's own shard loop, after every event already queued for it.
        var open = await router.InspectAsync(unit.Key, g => g?.OpenDossiers.Where(d => d.DueAt <= soon).ToList() ?? [], ct);
        var items = open.Select(d =>
        {
            var late = now - d.DueAt;
            var overdue = d.DueAt < now;
            return new OpenDossierItem(
                d.DossierId, d.Procedure, d.Channel.ToWire(), VietnamTime.ToLocal(d.ReceivedAt), VietnamTime.ToLocal(d.DueAt),
                overdue ? Math.Round(late.TotalHours, 1) : 0, overdue ? (int)Math.Ceiling(late.TotalDays) : 0, overdue ? "overdue" : "dueSoon");
        });
        Func<OpenDossierItem, object> key = sort.ToLowerInvariant() switch
        {
            "received" => i => i.Received,
            "dayslate" => i => i.HoursLate,
            "procedure" => i => i.Procedure,
            "id" => i => i.Id,
            _ => i => i.Due,
        };
        var ordered = (descending!.Value ? items.OrderByDescending(key) : items.OrderBy(key)).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
        var list = new OpenDossierList(UnitRef.From(unit), VietnamTime.ToLocal(now), ordered.Count(i => i.Status == "overdue"), ordered.Count(i => i.Status == "dueSoon"), ordered);
        return Export.Answer(list, format, () => ExportTables.OpenDossiers(list));
    }
}
