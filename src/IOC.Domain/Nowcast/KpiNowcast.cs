using IOC.Domain.Calendar;
using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Domain.Units;

namespace IOC.Domain.Nowcast;

/// <summary>One rate's nowcast for one unit and one horizon, with its sentences in both languages.</summary>
public sealed record KpiNowcast(KpiDefinition Kpi, Target Target, NowcastResult Result)
{
    public string ProjectionVi => NowcastText.ProjectionVi(Result);

    public string ProjectionEn => NowcastText.ProjectionEn(Result);

    public string NeededVi => NowcastText.NeededVi(Result, Kpi.Id);

    public string NeededEn => NowcastText.NeededEn(Result, Kpi.Id);

    /// <summary>The pages' status words for it: on track "met", at risk "near", out of reach "missed", no projection "none".</summary>
    public string StatusWire => Result.Status switch
    {
        NowcastStatus.OnTrack => "met",
        NowcastStatus.AtRisk => "near",
        NowcastStatus.Unreachable => "missed",
        _ => "none",
    };

    /// <summary>
    /// The nowcasts of a unit from its local days' counters: for every rate KPI whose target for the unit is monthly or
    /// yearly, one per horizon of <see cref="NowcastPeriod.For"/> (a yearly target: the month's end and the year's).
    /// <paramref name="days"/> are whole local days up to and including today (today so far); days missing count as
    /// empty. The pages read them from the history store; the projection is <see cref="Nowcaster"/>'s, as the alert rules'.
    /// </summary>
    public static IReadOnlyList<KpiNowcast> Of(
        UnitKey unit, IReadOnlyDictionary<DateOnly, CounterSet> days, DateOnly today, TargetCatalog targets, WorkingCalendar calendar)
    {
        var nowcasts = new List<KpiNowcast>();
        foreach (var kpi in KpiCatalog.All.Where(k => k.Kind == KpiKind.Rate))
        {
            if (targets.Find(kpi.Id, unit) is not { } target)
            {
                continue;
            }

            nowcasts.AddRange(NowcastPeriod.For(target.Period).Select(horizon => Project(kpi, target, horizon, days, today, calendar)));
        }

        return nowcasts;
    }

    /// <summary>One rate against one target (a commitment of the review, say) to the end of one horizon.</summary>
    public static KpiNowcast Project(
        KpiDefinition kpi, Target target, NowcastHorizon horizon, IReadOnlyDictionary<DateOnly, CounterSet> days, DateOnly today, WorkingCalendar calendar)
    {
        var period = NowcastPeriod.Of(horizon, today);
        var input = new NowcastInput(
            period,
            today,
            Sum(kpi, days, period.First, today),
            Sum(kpi, days, today, today),
            [.. Enumerable.Range(1, Nowcaster.PatternDays).Select(back => today.AddDays(-back)).Select(day => (day, Sum(kpi, days, day, day)))],
            target.Direction,
            target.Value);
        return new KpiNowcast(kpi, target, Nowcaster.Project(input, calendar));
    }

    /// <summary>The first local day <see cref="Of"/> needs, for the horizons of the targets a unit has.</summary>
    public static DateOnly FirstDayNeeded(DateOnly today) =>
        new[] { new DateOnly(today.Year, 1, 1), today.AddDays(-Nowcaster.PatternDays) }.Min();

    private static RateFigures Sum(KpiDefinition kpi, IReadOnlyDictionary<DateOnly, CounterSet> days, DateOnly first, DateOnly last)
    {
        var total = default(CounterSet);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (days.TryGetValue(day, out var counters))
            {
                total.Add(counters);
            }
        }

        var value = kpi.Evaluate(total, default);
        return new RateFigures(value.Numerator ?? 0, value.Denominator ?? 0);
    }
}
