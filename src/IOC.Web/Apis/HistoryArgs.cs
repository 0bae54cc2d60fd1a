using System.Globalization;
using System.Text.RegularExpressions;
using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.History.Reading;
using IOC.History.Store;
using IOC.Reports.Tables;
using Microsoft.AspNetCore.Mvc;

namespace IOC.Web.Apis;

/// <summary>Query parameters of a history series (bound with [AsParameters], so OpenAPI lists them).</summary>
public sealed record SeriesArgs(
    [property: FromQuery(Name = "kpi")] string? Kpi,
    [property: FromQuery(Name = "from")] string? From,
    [property: FromQuery(Name = "to")] string? To,
    [property: FromQuery(Name = "step")] string? Step,
    [property: FromQuery(Name = "format")] string? Format,
    [property: FromQuery(Name = "lang")] string? Lang)
{
    /// <summary>The most points one series may have.</summary>
    public const int MaxPoints = 2000;
}

/// <summary>Query parameters of the history endpoints over a range (summary, dossiers).</summary>
/// <param name="Lang">The language of a CSV or Excel download: vi (default) or en (docs/exports.md).</param>
public sealed record RangeArgs(
    [property: FromQuery(Name = "from")] string? From,
    [property: FromQuery(Name = "to")] string? To,
    [property: FromQuery(Name = "format")] string? Format,
    [property: FromQuery(Name = "lang")] string? Lang);

/// <summary>A history request that failed validation: the field and the reason, for a 400.</summary>
public sealed record BadArg(string Field, string Reason, string Title = "Bad history request")
{
    public IResult ToResult() => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: Title,
        detail: Reason,
        extensions: new Dictionary<string, object?> { ["field"] = Field });
}

/// <summary>Parses and checks history query parameters; every failure names the field and why.</summary>
public static partial class HistoryArgParser
{
    public static (DateTimeOffset From, DateTimeOffset To, BadArg? Error) Range(string? fromText, string? toText)
    {
        if (Time("from", fromText) is { Error: { } fromError })
        {
            return (default, default, fromError);
        }

        if (Time("to", toText) is { Error: { } toError })
        {
            return (default, default, toError);
        }

        var from = Time("from", fromText).At;
        var to = Time("to", toText).At;
        return from < to
            ? (from, to, null)
            : (from, to, new BadArg("from", $"from must be before to (from {Wire(from)}, to {Wire(to)})."));
    }

    public static (KpiDefinition? Kpi, BadArg? Error) Kpi(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return (null, new BadArg("kpi", "kpi is required: a KPI id from /api/v1/kpi/definitions."));
        }

        if (!KpiCatalog.TryGet(id, out var kpi))
        {
            return (null, new BadArg("kpi", $"kpi '{id}' is not a KPI id; see /api/v1/kpi/definitions."));
        }

        return kpi.Kind == KpiKind.Gauge
            ? (null, new BadArg("kpi", $"kpi '{id}' counts open work right now and has no history; read it from /api/v1/kpi."))
            : (kpi, null);
    }

    /// <summary>The step asked for, or the finest one that fits; checked against the point limit and the retention.</summary>
    public static (HistoryStep Step, BadArg? Error) Step(string? text, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, Retention retention)
    {
        if (string.IsNullOrEmpty(text))
        {
            foreach (var candidate in HistorySteps.All)
            {
                if (StepError(candidate, from, to, now, retention) is null)
                {
                    return (candidate, null);
                }
            }

            return (HistoryStep.Day, StepError(HistoryStep.Day, from, to, now, retention));
        }

        if (!HistorySteps.TryParse(text, out var step))
        {
            return (default, new BadArg("step", $"step '{text}' is not one of {string.Join(", ", HistorySteps.All.Select(s => s.ToWire()))}."));
        }

        return (step, StepError(step, from, to, now, retention));
    }

    /// <summary>json (default), csv or xlsx.</summary>
    public static (string Format, BadArg? Error) Format(string? text)
    {
        var format = string.IsNullOrEmpty(text) ? "json" : text.ToLowerInvariant();
        return format is "json" or "csv" or "xlsx" ? (format, null) : (format, new BadArg("format", $"format '{text}' is not one of json, csv, xlsx."));
    }

    /// <summary>The language of a download: vi (default, Vietnamese words and conventions) or en (English, invariant formats).</summary>
    public static (ExportLanguage Language, BadArg? Error) Lang(string? text) => ExportLanguage.Parse(text) is { } language
        ? (language, null)
        : (ExportLanguage.Vietnamese, new BadArg("lang", $"lang '{text}' is not vi or en."));

    public static string Wire(DateTimeOffset at) => VietnamTime.ToLocal(at).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static BadArg? StepError(HistoryStep step, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, Retention retention)
    {
        var size = step.Size();
        var first = IOC.History.Model.Resolutions.Floor(from.ToUnixTimeMilliseconds(), size);
        var end = IOC.History.Model.Resolutions.Ceiling(to.ToUnixTimeMilliseconds(), size);
        var points = (end - first) / (long)size.TotalMilliseconds;
        if (points > SeriesArgs.MaxPoints)
        {
            return new BadArg("step", $"step {step.ToWire()} gives {points:N0} points from {Wire(from)} to {Wire(to)}; at most {SeriesArgs.MaxPoints:N0}: choose a coarser step or a shorter range.");
        }

        if (retention.Of(step.Source()) is { } kept && !retention.Keeps(step.Source(), first, now.ToUnixTimeMilliseconds()))
        {
            var coarser = step == HistoryStep.FiveMinutes ? "1h" : "1d";
            return new BadArg("step", $"step {step.ToWire()} reads {step.Source().ToString().ToLowerInvariant()} buckets, kept for {Describe(kept)}; from ({Wire(from)}) is older: use step={coarser}.");
        }

        return null;
    }

    private static string Describe(TimeSpan span) => span.TotalHours <= 72 ? $"the last {span.TotalHours:0} h" : $"{span.TotalDays:0} days";

    private static (DateTimeOffset At, BadArg? Error) Time(string field, string? text)
    {
        const string Formats = "an ISO 8601 date-time with offset (2025-07-01T08:00:00+07:00 or ...Z) or a date (2025-07-01, local midnight)";
        if (string.IsNullOrWhiteSpace(text))
        {
            return (default, new BadArg(field, $"{field} is required: {Formats}."));
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (VietnamTime.StartOfDay(date), null);
        }

        // An unencoded '+' in a query string arrives as a space: "…T08:00:00 07:00" means "+07:00".
        var normalized = SpaceForPlus().Replace(text.Trim(), "+$1");
        return HasOffset().IsMatch(normalized) && DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? (at, null)
            : (default, new BadArg(field, $"{field} '{text}' is not {Formats}."));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex HasOffset();

    [GeneratedRegex(@" (\d{2}:\d{2})$")]
    private static partial Regex SpaceForPlus();
}
