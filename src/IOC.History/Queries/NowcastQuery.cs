using IOC.Domain.Calendar;
using IOC.Domain.Kpis;
using IOC.Domain.Nowcast;
using IOC.Domain.Targets;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.History.Reading;

namespace IOC.History.Queries;

/// <summary>
/// Where a unit's month and year will end (the ward and agency pages, the review): its local days from the history
/// store (day buckets, kept for ever), after the grains and the writer caught up, projected by <see cref="KpiNowcast.Of"/>.
/// </summary>
public sealed class NowcastQuery(HistoryQueries queries, TargetCatalog targets, WorkingCalendar calendar, TimeProvider time)
{
    public async Task<IReadOnlyList<KpiNowcast>> ForUnitAsync(Unit unit, CancellationToken ct) =>
        (await ForUnitsAsync([unit], ct))[unit.Key];

    /// <summary>Several units at once (the review's agencies): one catch-up, one day series each.</summary>
    public async Task<IReadOnlyDictionary<UnitKey, IReadOnlyList<KpiNowcast>>> ForUnitsAsync(IReadOnlyList<Unit> units, CancellationToken ct)
    {
        var today = VietnamTime.LocalDate(time.GetUtcNow());
        var from = VietnamTime.StartOfDay(KpiNowcast.FirstDayNeeded(today));
        var to = VietnamTime.StartOfDay(today.AddDays(1));
        await queries.CatchUpAsync(ct);
        var answers = new Dictionary<UnitKey, IReadOnlyList<KpiNowcast>>();
        foreach (var unit in units)
        {
            var series = await queries.Reader.SeriesAsync(unit.Key, from, to, HistoryStep.Day, ct);
            var days = new Dictionary<DateOnly, CounterSet>();
            foreach (var (start, counters) in series)
            {
                days[VietnamTime.LocalDate(start)] = counters;
            }

            answers[unit.Key] = KpiNowcast.Of(unit.Key, days, today, targets, calendar);
        }

        return answers;
    }
}
