using IOC.Domain.Targets;
using IOC.Domain.Time;
using IOC.Reports;
using IOC.Reports.Excel;
using IOC.Reports.Print;
using IOC.Reports.Tables;
using IOC.Review.Periods;
using IOC.Review.Reports;
using IOC.Web.Exports;
using Microsoft.AspNetCore.Mvc;

namespace IOC.Web.Apis;

/// <summary>Query parameters naming a review period (see <see cref="ReviewPeriod"/>), the answer's format and the download's language.</summary>
public sealed record ReviewArgs(
    [property: FromQuery(Name = "period")] string? Period,
    [property: FromQuery(Name = "value")] string? Value,
    [property: FromQuery(Name = "from")] string? From,
    [property: FromQuery(Name = "to")] string? To,
    [property: FromQuery(Name = "format")] string? Format,
    [property: FromQuery(Name = "lang")] string? Lang)
{
    public const string BadTitle = "Bad review request";

    public static readonly string[] Formats = ["json", "pdf", "xlsx"];

    /// <summary>json (default), pdf or xlsx; null when the format is unknown.</summary>
    public string? FormatOrDefault => string.IsNullOrEmpty(Format) ? "json" : Formats.FirstOrDefault(f => string.Equals(f, Format, StringComparison.OrdinalIgnoreCase));

    /// <summary>The period named, or a 400 naming the bad parameter. No period: the current month.</summary>
    public (ReviewPeriod Period, BadArg? Error) Parse(TimeProvider time) =>
        ReviewPeriod.TryParse(Period, Value, From, To, VietnamTime.LocalDate(time.GetUtcNow()), out var period, out var error)
            ? (period, null)
            : (period, new BadArg(error!.Field, $"{error.Field} {error.Reason}.", BadTitle));
}

public static class ReviewApi
{
    /// <summary>/api/v1/review: the competition review of a period; see docs/review.md.</summary>
    public static IEndpointRouteBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/review", ([AsParameters] ReviewArgs args, ReviewQuery query, IPdfPrinter printer, IOC.Domain.Units.UnitCatalog units, TimeProvider time, CancellationToken ct) =>
                HistoryEndpoints.GuardAsync(async () =>
                {
                    var (period, error) = args.Parse(time);
                    if (error is not null)
                    {
                        return error.ToResult();
                    }

                    if (args.FormatOrDefault is not { } format)
                    {
                        return new BadArg("format", $"format must be json, pdf or xlsx, not '{args.Format}'.", ReviewArgs.BadTitle).ToResult();
                    }

                    if (ExportLanguage.Parse(args.Lang) is not { } language)
                    {
                        return new BadArg("lang", $"lang must be vi or en, not '{args.Lang}'.", ReviewArgs.BadTitle).ToResult();
                    }

                    var report = await query.BuildAsync(period, ct);
                    var file = ReviewFile.BaseName(period);
                    return format switch
                    {
                        "pdf" => await PdfAsync(printer, report, language.IsEnglish, units.Head, file, ct),
                        "xlsx" => Export.Xlsx(ReviewWorkbook.Book(report, language)),
                        _ => Results.Ok(ReviewWire.From(report)),
                    };
                }))
            .WithTags("Review").WithName("GetReview").AddEndpointFilter(HistoryApi.ServerTiming)
            .WithSummary("The agencies (Hanoi: the four of the agreement) against their competition-agreement commitments over a month, quarter, year or custom period: value, target, status, gap in words, trend, rank per KPI and overall. format=pdf or format=xlsx downloads the printable report or the workbook (lang=en for English).");
        return app;
    }

    /// <summary>The review printed by headless Chromium; a server without a working browser answers 503 saying what to install or set.</summary>
    private static async Task<IResult> PdfAsync(IPdfPrinter printer, ReviewReport report, bool english, IOC.Domain.Units.Unit issuer, string file, CancellationToken ct)
    {
        try
        {
            var pdf = await printer.PrintAsync(ReviewHtml.Write(report, english, issuer), ct);
            return Results.File(pdf, Export.PdfType, $"{file}{(english ? "-en" : "")}.pdf");
        }
        catch (PdfPrinterException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF printing unavailable", detail: $"{ex.Message} format=xlsx works without it.");
        }
    }
}

/// <summary>The review as JSON.</summary>
public sealed record ReviewWire(string Period, string Value, DateOnly FirstDay, DateOnly LastDay, string LabelVi, string LabelEn, DateTimeOffset AsOf, bool Running, IReadOnlyList<AgencyWire> Agencies)
{
    public static ReviewWire From(ReviewReport report) => new(
        report.Period.KindWire, report.Period.Value, report.Period.FirstDay, report.Period.LastDay, report.Period.LabelVi, report.Period.LabelEn,
        report.AsOf, report.Running,
        report.Agencies.Select(a => new AgencyWire(
            a.Agency.Code, a.Agency.Name, a.Agency.NameEn, a.Rank,
            a.Score.Attainment is { } s ? Math.Round(s, 2) : null, a.Score.Met, a.Score.WithData, a.Score.Total,
            a.Commitments.Select(c => CommitmentWire.From(c, report.CommittedTo(c.Result.Commitment.Kpi))).ToList())).ToList());
}

/// <param name="Attainment">Mean capped attainment of the commitments with data, in percent (see docs/review.md).</param>
public sealed record AgencyWire(string Code, string Name, string NameEn, int? Rank, double? Attainment, int Met, int WithData, int Commitments, IReadOnlyList<CommitmentWire> Items);

public sealed record CommitmentWire(
    string Kpi, string WordingVi, string WordingEn, string Direction, double Target, double? Value, double? Numerator, long? Denominator,
    string Status, long? GapItems, string GapVi, string GapEn, int? Rank, int RankedOf, IReadOnlyList<TrendPoint> Trend)
{
    public static CommitmentWire From(CommitmentReview review, int rankedOf)
    {
        var (c, v) = (review.Result.Commitment, review.Result.Value);
        return new CommitmentWire(
            c.Kpi, c.WordingVi, c.WordingEn, c.ToTarget().DirectionSymbol, c.Value,
            v.Value is { } value ? Math.Round(value, 2) : null, v.Numerator, v.Denominator,
            review.Result.Status.ToWire(), review.Result.Gap.Items, review.GapVi, review.GapEn, review.Rank, rankedOf, review.Trend);
    }
}
