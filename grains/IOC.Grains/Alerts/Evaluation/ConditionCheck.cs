using IOC.Domain.Kpis;
using IOC.Domain.Nowcast;
using IOC.Domain.Targets;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Rules;

namespace IOC.Grains.Alerts.Evaluation;

/// <summary>
/// Judges one rule's condition on one unit's figures. Plain C#: no clock of its own (the caller says "now"), no I/O.
/// </summary>
internal static class ConditionCheck
{
    public static AlertReading Read(AlertRule rule, UnitKey unit, in AlertFigures figures, DateTimeOffset now, AlertContext context, AlertInstance instance)
    {
        if (rule.Condition == AlertConditionKind.Silent)
        {
            var minutes = Math.Floor(context.OfficeHours.Between(figures.LastArrival, now).TotalMinutes);
            return new AlertReading(minutes >= rule.Threshold, minutes, null, null, rule.Threshold, ">=", LastEvent: figures.LastArrival);
        }

        var kpi = rule.Definition!;
        var target = context.Targets.Find(kpi.Id, unit);
        if (rule.Condition == AlertConditionKind.ProjectedMiss)
        {
            return Projected(rule, kpi, target, figures, now, context, instance);
        }

        var value = kpi.Evaluate(figures.Snapshot[rule.Window], figures.Snapshot.Gauges);
        if (rule.Condition == AlertConditionKind.Rising)
        {
            return Rising(rule, value.Value ?? 0, now, instance);
        }

        if (value.Value is not { } v)
        {
            return new AlertReading(null, null, value.Numerator, value.Denominator, target?.Value, target?.DirectionSymbol);
        }

        // Too few to judge: not "no data" (there is a figure), but nothing to page anyone about.
        var enough = value.Denominator is not { } d || d >= rule.MinDenominator;
        return rule.Condition switch
        {
            AlertConditionKind.Below => new AlertReading(enough && v < rule.Threshold, v, value.Numerator, value.Denominator, rule.Threshold, "<"),
            AlertConditionKind.Above => new AlertReading(enough && v > rule.Threshold, v, value.Numerator, value.Denominator, rule.Threshold, ">"),
            _ when target is null => new AlertReading(false, v, value.Numerator, value.Denominator, null, null),
            AlertConditionKind.Missed => new AlertReading(
                enough && target.Evaluate(v, kpi.Kind == KpiKind.Rate) == KpiStatus.Missed, v, value.Numerator, value.Denominator, target.Value, target.DirectionSymbol),
            _ => new AlertReading(
                enough && target.Evaluate(v, kpi.Kind == KpiKind.Rate) is KpiStatus.Missed or KpiStatus.Near, v, value.Numerator, value.Denominator, target.Value, target.DirectionSymbol),
        };
    }

    /// <summary>The gauge now against its value an hour ago (a sample per minute is kept); not holding until a sample is that old.</summary>
    private static AlertReading Rising(AlertRule rule, double value, DateTimeOffset now, AlertInstance instance)
    {
        var minute = VietnamTime.MinuteKey(now);
        const long lookback = 60;
        var samples = instance.Samples;
        if (samples.Count == 0 || samples[^1].Minute != minute)
        {
            samples.Add((minute, value));
        }
        else
        {
            samples[^1] = (minute, value);
        }

        var drop = samples.FindLastIndex(s => s.Minute <= minute - lookback);
        if (drop > 0)
        {
            samples.RemoveRange(0, drop);
        }

        if (samples[0].Minute > minute - lookback)
        {
            return new AlertReading(false, value, null, null, rule.Threshold, "+");
        }

        var change = value - samples[0].Value;
        return new AlertReading(change >= rule.Threshold, value, null, null, rule.Threshold, "+", Change: change);
    }

    private static AlertReading Projected(AlertRule rule, KpiDefinition kpi, Target? target, in AlertFigures figures, DateTimeOffset now, AlertContext context, AlertInstance instance)
    {
        if (target is null || NowcastPeriod.For(target.Period).Count == 0)
        {
            return new AlertReading(false, null, null, null, target?.Value, target?.DirectionSymbol);
        }

        var today = VietnamTime.LocalDate(now);
        var horizon = rule.Window == KpiWindow.YearToDate ? NowcastHorizon.Year : NowcastHorizon.Month;
        var soFar = Figures(kpi, figures.Snapshot[rule.Window]);
        var input = new NowcastInput(
            NowcastPeriod.Of(horizon, today),
            today,
            soFar,
            Figures(kpi, figures.Snapshot[KpiWindow.Today]),
            instance.RecentDays(today, figures.Day, day => Figures(kpi, day)),
            target.Direction,
            target.Value);
        var result = Nowcaster.Project(input, context.OfficeHours.Calendar);
        if (result.Status == NowcastStatus.Insufficient)
        {
            return new AlertReading(null, null, soFar.Numerator, soFar.Denominator, target.Value, target.DirectionSymbol, result);
        }

        var enough = soFar.Denominator >= rule.MinDenominator;
        return new AlertReading(
            enough && result.Status is NowcastStatus.AtRisk or NowcastStatus.Unreachable,
            result.Projected, soFar.Numerator, soFar.Denominator, target.Value, target.DirectionSymbol, result);
    }

    private static RateFigures Figures(KpiDefinition kpi, in CounterSet counters)
    {
        var value = kpi.Evaluate(counters, default);
        return new RateFigures(value.Numerator ?? 0, value.Denominator ?? 0);
    }
}
