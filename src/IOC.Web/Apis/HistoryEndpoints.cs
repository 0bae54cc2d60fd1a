using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Domain.Units;
using IOC.Grains.Publishing;
using IOC.History.Reading;
using IOC.History.Store;
using IOC.Web.Exports;

namespace IOC.Web.Apis;

/// <summary>
/// What the history endpoints do: validate, let the grains and the writer catch up (a reader sees what was
/// acknowledged), read the store, shape the answer, and export it when asked (format=csv|xlsx).
/// </summary>
public sealed class HistoryEndpoints(UnitCatalog units, TargetCatalog targets, SnapshotPublisher publisher, HistoryReader reader, TimeProvider time)
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
        if ((kpiError ?? rangeError ?? formatError) is { } error)
        {
            return error.ToResult();
        }

        var (step, stepError) = HistoryArgParser.Step(args.Step, from, to, time.GetUtcNow(), reader.Retention);
        if (stepError is not null)
        {
            return stepError.ToResult();
        }

        await CatchUpAsync(ct);
        var series = await reader.SeriesAsync(unit.Key, from, to, step, ct, [.. kpi!.Numerator, .. kpi.Denominator is { } d ? [d] : Array.Empty<Counter>()]);
        var points = series.Select(p =>
        {
            var figure = Figure.From(kpi!, kpi!.Evaluate(p.Counters, default));
            return new SeriesPoint(Local(p.Start), figure.Value, figure.Numerator, figure.Denominator);
        }).ToList();
        var result = new HistorySeries(UnitRef.From(unit), KpiRef.From(kpi!), points[0].Start, points[^1].Start + step.Size(), step.ToWire(), points);
        return Export.Answer(result, format, () => ExportTables.Series(result));
    }

    public async Task<IResult> SummaryAsync(Unit unit, RangeArgs args, CancellationToken ct)
    {
        var (from, to, rangeError) = HistoryArgParser.Range(args.From, args.To);
        var (format, formatError) = HistoryArgParser.Format(args.Format);
        if ((rangeError ?? formatError) is { } error)
        {
            return error.ToResult();
        }

        await CatchUpAsync(ct);
        var length = to - from;
        var totals = await reader.TotalsAsync(
        [
            new RangeRequest(unit.Key, from, to),
            new RangeRequest(unit.Key, from - length, from),
            new RangeRequest(UnitKey.City, from, to),
        ], ct);
        var (range, previous, city) = (totals[0], totals[1], totals[2]);
        var live = publisher.Store.Get(unit.Key);
        var cityLive = publisher.Store.City;
        var isCity = unit.Level == UnitLevel.City;
        var kpis = KpiCatalog.All.Select(kpi =>
        {
            var gauge = kpi.Kind == KpiKind.Gauge;
            var value = gauge ? kpi.Evaluate(default, live.Gauges) : kpi.Evaluate(range.Counters, default);
            var before = gauge ? (KpiValue?)null : kpi.Evaluate(previous.Counters, default);
            var cityValue = isCity ? (KpiValue?)null : gauge ? kpi.Evaluate(default, cityLive.Gauges) : kpi.Evaluate(city.Counters, default);
            var target = targets.Find(kpi.Id, unit.Key);
            var status = target?.Evaluate(value.Value, kpi.Kind == KpiKind.Rate) ?? KpiStatus.None;
            return new KpiSummary(
                kpi.Id, kpi.Group, kpi.Kind.ToString(), kpi.NameVi, kpi.NameEn, gauge,
                Figure.From(kpi, value), TargetRef.From(target), status.ToWire(),
                before is { } b ? Figure.From(kpi, b) : null,
                value.Value is { } now && before?.Value is { } then ? Math.Round(now - then, 2) : null,
                cityValue is { } c ? Figure.From(kpi, c) : null);
        }).ToList();
        var summary = new HistorySummary(
            UnitRef.From(unit), Local(range.From), Local(range.To), Local(previous.From), Local(previous.To),
            Local(publisher.Store.LastTick ?? time.GetUtcNow()), kpis);
        return Export.Answer(summary, format, () => ExportTables.Summary(summary));
    }

    public async Task<IResult> DossiersAsync(Unit unit, RangeArgs args, CancellationToken ct)
    {
        var (from, to, rangeError) = HistoryArgParser.Range(args.From, args.To);
        var (format, formatError) = HistoryArgParser.Format(args.Format);
        if ((rangeError ?? formatError) is { } error)
        {
            return error.ToResult();
        }

        await CatchUpAsync(ct);
        var (readFrom, readTo, procedures) = await reader.ProceduresAsync(unit.Key, from, to, ct);
        var received = procedures.Sum(p => p.Received);
        var byChannel = Channels.Select(c => (c.Wire, c.NameVi, Received: procedures.Where(p => p.Channel == c.Wire).Sum(p => p.Received)))
            .Select(c => new ChannelCount(c.Wire, c.NameVi, c.Received, received == 0 ? null : Math.Round(100.0 * c.Received / received, 2)))
            .ToList();
        var byProcedure = procedures.GroupBy(p => p.Procedure).Select(g =>
        {
            long Of(string channel) => g.Where(p => p.Channel == channel).Sum(p => p.Received);
            var completed = g.Sum(p => p.Completed);
            var late = g.Sum(p => p.CompletedLate);
            return new ProcedureCount(g.Key, g.Sum(p => p.Received), Of("online"), Of("in_person"), Of("postal"), completed, late,
                completed == 0 ? null : Math.Round(100.0 * (completed - late) / completed, 2));
        }).OrderByDescending(p => p.Received).ThenBy(p => p.Procedure, StringComparer.Ordinal).ToList();
        var breakdown = new DossierBreakdown(UnitRef.From(unit), Local(readFrom), Local(readTo), received, byChannel, byProcedure);
        return Export.Answer(breakdown, format, () => ExportTables.Dossiers(breakdown));
    }

    private static readonly (string Wire, string NameVi)[] Channels = [("online", "Trực tuyến"), ("in_person", "Trực tiếp"), ("postal", "Bưu chính")];

    private static DateTimeOffset Local(DateTimeOffset at) => IOC.Domain.Time.VietnamTime.ToLocal(at);

    /// <summary>Folds what is queued, saves it to the buffer and writes it out, so the store has what was acknowledged.</summary>
    private async Task CatchUpAsync(CancellationToken ct)
    {
        await publisher.RefreshAsync(ct);
        await reader.CatchUpAsync(ct);
    }
}
