using IOC.Domain.Units;
using IOC.History.Queries;
using IOC.History.Store;
using IOC.Web.Exports;

namespace IOC.Web.Apis;

/// <summary>
/// What the history endpoints do: validate, ask <see cref="HistoryQueries"/> (shared with the ward page), and export
/// the answer when asked (format=csv|xlsx, in the language lang=vi|en names).
/// </summary>
public sealed class HistoryEndpoints(UnitCatalog units, HistoryQueries queries, TimeProvider time)
{
    public UnitCatalog Units => units;

    /// <summary>Runs a read; a store that is down or refuses the query gives a 503 saying so, not a 500.</summary>
    public static async Task<IResult> GuardAsync(Func<Task<IResult>> read)
    {
        try
        {
            return await read();
        }
        catch (HistoryStoreException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "History store unavailable", detail: ex.Message);
        }
    }

    public async Task<IResult> SeriesAsync(Unit unit, SeriesArgs args, CancellationToken ct)
    {
        var (kpi, kpiError) = HistoryArgParser.Kpi(args.Kpi);
        var (from, to, rangeError) = HistoryArgParser.Range(args.From, args.To);
        var (format, formatError) = HistoryArgParser.Format(args.Format);
        var (language, langError) = HistoryArgParser.Lang(args.Lang);
        if ((kpiError ?? rangeError ?? formatError ?? langError) is { } error)
        {
            return error.ToResult();
        }

        var (step, stepError) = HistoryArgParser.Step(args.Step, from, to, time.GetUtcNow(), queries.Reader.Retention);
        if (stepError is not null)
        {
            return stepError.ToResult();
        }

        var result = await queries.SeriesAsync(unit, kpi!, from, to, step, ct);
        return Export.Answer(result, format, language, l => ExportTables.Series(result, l));
    }

    public async Task<IResult> SummaryAsync(Unit unit, RangeArgs args, CancellationToken ct)
    {
        var (from, to, rangeError) = HistoryArgParser.Range(args.From, args.To);
        var (format, formatError) = HistoryArgParser.Format(args.Format);
        var (language, langError) = HistoryArgParser.Lang(args.Lang);
        if ((rangeError ?? formatError ?? langError) is { } error)
        {
            return error.ToResult();
        }

        var summary = await queries.SummaryAsync(unit, from, to, ct);
        return Export.Answer(summary, format, language, l => ExportTables.Summary(summary, l));
    }

    public async Task<IResult> DossiersAsync(Unit unit, RangeArgs args, CancellationToken ct)
    {
        var (from, to, rangeError) = HistoryArgParser.Range(args.From, args.To);
        var (format, formatError) = HistoryArgParser.Format(args.Format);
        var (language, langError) = HistoryArgParser.Lang(args.Lang);
        if ((rangeError ?? formatError ?? langError) is { } error)
        {
            return error.ToResult();
        }

        var breakdown = await queries.DossiersAsync(unit, from, to, ct);
        return Export.Answer(breakdown, format, language, l => ExportTables.Dossiers(breakdown, l));
    }
}
