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
/// store (day buckets, kept for ever), after the grains and the writer caught up, projected by <see cref="KpiNowcast"/>.
/// </summary>
public sealed class NowcastQuery(HistoryQueries queries, TargetCatalog targets, WorkingCalendar calendar, TimeProvider time)
{
    public WorkingCalendar Calendar => calendar;

    /// <summary>Today in Hanoi: the day the nowcasts start from.</summary>
    public DateOnly Today => VietnamTime.LocalDate(time.GetUtcNow());

    /// <summary>Every rate of the unit with a monthly or yearly target, to the month's end and (yearly) the year's.</summary>
    public async Task<IReadOnlyList<KpiNowcast>> ForUnitAsync(Unit unit, CancellationToken ct)
    {
        await queries.CatchUpAsync(ct);
        return KpiNowcast.Of(unit.Key, await DaysAsync(unit, ct), Today, targets, calendar);
    }

    /// <summary>
    /// The unit's local days a nowcast needs (this year and the 28 days before today), today so far included. Call
    /// <see cref="HistoryQueries.CatchUpAsync"/> first.
    /// </summary>
    public async Task<IReadOnlyDictionary<DateOnly, CounterSet>> DaysAsync(Unit unit, CancellationToken ct)
    {
        var today = Today;
        var from = VietnamTime.StartOfDay(KpiNowcast.FirstDayNeeded(today));
        var to = VietnamTime.StartOfDay(today.AddDays(1));
        var days = new Dictionary<DateOnly, CounterSet>();
        foreach (var (start, counters) in await queries.Reader.SeriesAsync(unit.Key, from, to, HistoryStep.Day, ct))
        {
            days[VietnamTime.LocalDate(start)] = counters;
        }

        return days;
    }
}
