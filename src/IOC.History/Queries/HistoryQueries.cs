using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Reading;
using IOC.History.Reading;

namespace IOC.History.Queries;

/// <summary>
/// The history answers shared by the API and the ward page: let the grains and the writer catch up (a reader sees what
/// was acknowledged), read the store and shape the answer. Arguments are already validated by the caller.
/// </summary>
public sealed class HistoryQueries(TargetCatalog targets, UnitCatalog units, GrainReader grains, HistoryReader reader, TimeProvider time, IProcedureNames? names = null)
{
    private static readonly (string Wire, string NameVi)[] Channels = [("online", "Trực tuyến"), ("in_person", "Trực tiếp"), ("postal", "Bưu chính")];

    public HistoryReader Reader => reader;

    /// <summary>A KPI (not a gauge) per step from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public async Task<HistorySeries> SeriesAsync(Unit unit, KpiDefinition kpi, DateTimeOffset from, DateTimeOffset to, HistoryStep step, CancellationToken ct)
    {
        await CatchUpAsync(ct);
        var series = await reader.SeriesAsync(unit.Key, from, to, step, ct, [.. kpi.Numerator, .. kpi.Denominator is { } d ? [d] : Array.Empty<Counter>()]);
        var points = series.Select(p =>
        {
            var figure = Figure.From(kpi, kpi.Evaluate(p.Counters, default));
            return new SeriesPoint(Local(p.Start), figure.Value, figure.Numerator, figure.Denominator);
        }).ToList();
        return new HistorySeries(UnitRef.From(unit), KpiRef.From(kpi), points[0].Start, points[^1].Start + step.Size(), step.ToWire(), points);
    }

    /// <summary>
    /// Every KPI over the range against its target, the previous range of the same length and the province it is part
    /// of (the "city"; a province in national mode: the country). A range that
    /// runs into the future ("today") is compared like for like: the previous period is cut at the same point, so
    /// today until 14:37 is set against yesterday until 14:37, not against the whole of yesterday.
    /// </summary>
    public async Task<HistorySummary> SummaryAsync(Unit unit, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await CatchUpAsync(ct);
        var length = to - from;
        var elapsedEnd = to < time.GetUtcNow() ? to : time.GetUtcNow();
        // Compared with what it is part of: a ward or agency with its province, a province with the country.
        var parent = units.Parent(unit.Key)?.Key;
        var totals = await reader.TotalsAsync(
        [
            new RangeRequest(unit.Key, from, to),
            new RangeRequest(unit.Key, from - length, elapsedEnd < from ? from - length : elapsedEnd - length),
            new RangeRequest(parent ?? unit.Key, from, to),
        ], ct);
        var (range, previous, city) = (totals[0], totals[1], totals[2]);
        var live = await grains.SnapshotAsync(unit.Key);
        var cityLive = parent is { } key ? await grains.SnapshotAsync(key) : live;
        var isCity = parent is null;
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
        return new HistorySummary(
            UnitRef.From(unit), Local(range.From), Local(range.To), Local(previous.From), Local(previous.To),
            Local(live.AsOf), kpis);
    }

    /// <summary>Dossiers received over the range by intake channel and by procedure.</summary>
    public async Task<DossierBreakdown> DossiersAsync(Unit unit, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
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
            var name = names?.Find(g.Key);
            return new ProcedureCount(g.Key, g.Sum(p => p.Received), Of("online"), Of("in_person"), Of("postal"), completed, late,
                completed == 0 ? null : Math.Round(100.0 * (completed - late) / completed, 2),
                name?.Name, name is null ? null : name.Source == ProcedureNameSource.Catalogue ? "catalogue" : "producer", name?.Citation);
        }).OrderByDescending(p => p.Received).ThenBy(p => p.Procedure, StringComparer.Ordinal).ToList();
        return new DossierBreakdown(UnitRef.From(unit), Local(readFrom), Local(readTo), received, byChannel, byProcedure);
    }

    private static DateTimeOffset Local(DateTimeOffset at) => VietnamTime.ToLocal(at);

    /// <summary>Has every grain hand over what it folded, saves it to the buffer and writes it out, so the store has what was acknowledged.</summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        await grains.FlushAsync();
        await reader.CatchUpAsync(ct);
    }
}
