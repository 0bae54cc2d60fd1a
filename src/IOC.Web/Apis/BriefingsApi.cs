using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Reports.Briefing;
using IOC.Reports.Print;
using IOC.Review.Briefing;
using IOC.Web.Exports;
using Microsoft.AspNetCore.Mvc;

namespace IOC.Web.Apis;

/// <summary>Query parameters of a briefing: the period (day, week, month) holding a date, the file format and the language.</summary>
public sealed record BriefingArgs(
    [property: FromQuery(Name = "period")] string? Period,
    [property: FromQuery(Name = "date")] string? Date,
    [property: FromQuery(Name = "format")] string? Format,
    [property: FromQuery(Name = "lang")] string? Lang)
{
    public const string BadTitle = "Bad briefing request";

    public bool English => Lang == "en";

    /// <summary>The period, format and language asked for, or a 400 naming the bad parameter.</summary>
    public (BriefingPeriod Period, string Format, BadArg? Error) Parse(TimeProvider time)
    {
        if (!BriefingPeriod.TryParse(Period, Date, VietnamTime.LocalDate(time.GetUtcNow()), out var period, out var error))
        {
            return (period, "", new BadArg(error!.Value.Field, error.Value.Reason + ".", BadTitle));
        }

        var format = string.IsNullOrEmpty(Format) ? "pdf" : Format.ToLowerInvariant();
        if (format is not ("pdf" or "png"))
        {
            return (period, format, new BadArg("format", $"format '{Format}' is not pdf or png.", BadTitle));
        }

        return Lang is null or "vi" or "en"
            ? (period, format, null)
            : (period, format, new BadArg("lang", $"lang '{Lang}' is not vi or en.", BadTitle));
    }
}

public static class BriefingsApi
{
    /// <summary>/api/v1/briefings/{city | units | agencies}/{code}: one A4 page for a day, week or month; see docs/briefing.md.</summary>
    public static IEndpointRouteBuilder MapBriefingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/briefings").WithTags("Briefings").AddEndpointFilter(HistoryApi.ServerTiming);
        const string Summary = "A one-page briefing (A4 portrait) for a day, a week or a month: headline KPIs against targets with status in words and the change from the previous period, open work, charts, and for the city the five weakest wards. format=pdf (default) or png; lang=vi (default) or en.";
        api.MapGet("/city/{code}", (string code, [AsParameters] BriefingArgs args, BriefingService briefings, CancellationToken ct) =>
                code == briefings.Units.City.Code ? briefings.AnswerAsync(briefings.Units.City, args, ct) : Task.FromResult(HistoryApi.UnknownUnit("city", code)))
            .WithName("GetCityBriefing").WithSummary("The deployment's province (Hanoi: 01), or the country (VN) in national mode. " + Summary).Produces(200, contentType: Export.PdfType).Produces(200, contentType: "image/png");
        api.MapGet("/units/{code}", (string code, [AsParameters] BriefingArgs args, BriefingService briefings, CancellationToken ct) =>
                briefings.Units.TryGetWard(code, out var ward) ? briefings.AnswerAsync(ward, args, ct) : Task.FromResult(HistoryApi.UnknownUnit("ward", code)))
            .WithName("GetWardBriefing").WithSummary("One ward. " + Summary).Produces(200, contentType: Export.PdfType).Produces(200, contentType: "image/png");
        api.MapGet("/agencies/{code}", (string code, [AsParameters] BriefingArgs args, BriefingService briefings, CancellationToken ct) =>
                briefings.Units.TryGetAgency(code, out var agency) ? briefings.AnswerAsync(agency, args, ct) : Task.FromResult(HistoryApi.UnknownUnit("agency", code)))
            .WithName("GetAgencyBriefing").WithSummary("One agency. " + Summary).Produces(200, contentType: Export.PdfType).Produces(200, contentType: "image/png");
        return app;
    }
}

/// <summary>Validates, builds the briefing, writes its page and prints (PDF) or photographs (PNG) it with Chromium.</summary>
public sealed class BriefingService(UnitCatalog units, BriefingQuery query, IPdfPrinter printer, IPageCamera camera, TimeProvider time)
{
    public UnitCatalog Units => units;

    public Task<IResult> AnswerAsync(Unit unit, BriefingArgs args, CancellationToken ct) => HistoryEndpoints.GuardAsync(async () =>
    {
        var (period, format, error) = args.Parse(time);
        if (error is not null)
        {
            return error.ToResult();
        }

        var briefing = await query.BuildAsync(unit, period, ct);
        var html = BriefingHtml.Write(briefing, args.English, units.Head);
        var file = $"ban-tin-{unit.Code}-{period.KindWire}-{period.FirstDay:yyyy-MM-dd}{(args.English ? "-en" : "")}";
        try
        {
            return format == "png"
                ? Results.File(await camera.PhotographAsync(html, BriefingHtml.PageWidth, BriefingHtml.PageHeight, 2, ct), "image/png", file + ".png")
                : Results.File(await printer.PrintAsync(html, ct), Export.PdfType, file + ".pdf");
        }
        catch (PdfPrinterException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Briefing printing unavailable", detail: ex.Message);
        }
    });
}
