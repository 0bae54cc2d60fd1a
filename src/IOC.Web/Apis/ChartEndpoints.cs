using System.Text;
using IOC.Charts;
using IOC.Domain.Targets;
using IOC.Domain.Units;
using IOC.History.Queries;
using Microsoft.AspNetCore.Mvc;

namespace IOC.Web.Apis;

/// <summary>Query parameters of a chart: those of a history series, and the language of its words.</summary>
public sealed record ChartArgs(
    [property: FromQuery(Name = "kpi")] string? Kpi,
    [property: FromQuery(Name = "from")] string? From,
    [property: FromQuery(Name = "to")] string? To,
    [property: FromQuery(Name = "step")] string? Step,
    [property: FromQuery(Name = "lang")] string? Lang);

/// <summary>
/// Validates a chart request like a history series (kpi, from, to, step; each failure names its field), reads the
/// series through <see cref="HistoryQueries"/> and draws it with IOC.Charts.
/// </summary>
public sealed class ChartEndpoints(UnitCatalog units, TargetCatalog targets, HistoryQueries queries, TimeProvider time)
{
    public UnitCatalog Units => units;

    public async Task<IResult> ChartAsync(Unit unit, string format, ChartArgs args, CancellationToken ct)
    {
        var (kpi, kpiError) = HistoryArgParser.Kpi(args.Kpi);
        var (from, to, rangeError) = HistoryArgParser.Range(args.From, args.To);
        var formatError = format.ToLowerInvariant() is "png" or "svg" ? null : new BadArg("format", $"'.{format}' is not a chart format: ask for .png or .svg.", "Bad chart request");
        var langError = args.Lang is null or "vi" or "en" ? null : new BadArg("lang", $"lang '{args.Lang}' is not vi or en.", "Bad chart request");
        if ((formatError ?? kpiError ?? rangeError ?? langError) is { } error)
        {
            return error.ToResult();
        }

        var (step, stepError) = HistoryArgParser.Step(args.Step, from, to, time.GetUtcNow(), queries.Reader.Retention);
        if (stepError is not null)
        {
            return stepError.ToResult();
        }

        var english = args.Lang == "en";
        var series = await queries.SeriesAsync(unit, kpi!, from, to, step, ct);
        var input = KpiHistoryChart.Input(
            english ? unit.NameEn : unit.Name, kpi!, [.. series.Points.Select(p => (p.Start, p.Value))],
            series.From, series.To, series.Step, targets.Find(kpi!.Id, unit.Key) is { } target ? new ChartTarget(target.Value, target.DirectionSymbol) : null, english);
        var plot = LineChart.Build(input);
        var name = $"{unit.Code}-{kpi.Id}-{HistoryArgParser.Wire(from)[..10]}-{HistoryArgParser.Wire(to)[..10]}";
        return format.Equals("svg", StringComparison.OrdinalIgnoreCase)
            ? new ChartFile(Encoding.UTF8.GetBytes(ChartImage.Svg(plot, ChartSize.Document)), "image/svg+xml; charset=utf-8", name + ".svg")
            : new ChartFile(ChartImage.Png(plot, ChartSize.Document), "image/png", name + ".png");
    }
}

/// <summary>A picture shown in place (Content-Disposition: inline) with a file name for "save as".</summary>
public sealed class ChartFile(byte[] body, string contentType, string fileName) : IResult
{
    public Task ExecuteAsync(HttpContext context)
    {
        context.Response.ContentType = contentType;
        context.Response.Headers.ContentDisposition = $"inline; filename=\"{fileName}\"";
        context.Response.Headers.CacheControl = "no-cache";
        return context.Response.Body.WriteAsync(body).AsTask();
    }
}
