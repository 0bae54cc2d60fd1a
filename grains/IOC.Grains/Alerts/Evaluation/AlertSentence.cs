using System.Globalization;
using IOC.Domain.Kpis;
using IOC.Domain.Nowcast;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Rules;

namespace IOC.Grains.Alerts.Evaluation;

/// <summary>
/// The sentence a duty officer reads, in both languages:
/// "Phường Cửa Nam: tỷ lệ giải quyết đúng hạn hôm nay 82,4% (14/17), chỉ tiêu 100%, từ 09:40".
/// </summary>
public static class AlertSentence
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    public static (string Vi, string En) Of(AlertRule rule, UnitKey unit, AlertState state, AlertReading r, DateTimeOffset? activeSince, DateTimeOffset now, AlertContext context)
    {
        var (nameVi, nameEn) = context.NameOf(unit);
        var sinceVi = activeSince is { } a ? ", " + Since(a, now, Vi) : "";
        var sinceEn = activeSince is { } b ? ", " + Since(b, now, En) : "";
        if (rule.Condition == AlertConditionKind.Silent)
        {
            var last = r.LastEvent is { } at ? VietnamTime.ToLocal(at) : now;
            return (
                $"{nameVi}: không nhận được sự kiện nào trong {Whole(r.Value ?? 0, Vi)} phút làm việc (từ {Clock(last, now, Vi)}), ngưỡng {Whole(rule.Threshold ?? 0, Vi)} phút",
                $"{nameEn}: no event received for {Whole(r.Value ?? 0, En)} office minutes (since {Clock(last, now, En)}), threshold {Whole(rule.Threshold ?? 0, En)} min");
        }

        var kpi = rule.Definition!;
        var kpiVi = Lower(kpi.NameVi);
        var kpiEn = Lower(kpi.NameEn);
        if (state == AlertState.NoData || r.Value is null)
        {
            var what = rule.Condition == AlertConditionKind.ProjectedMiss ? ("chưa đủ số liệu để dự báo", "not enough figures to project") : ("chưa có số liệu", "no figures yet");
            return ($"{nameVi}: {kpiVi} {WindowVi(rule, kpi)} {what.Item1}".Replace("  ", " "), $"{nameEn}: {kpiEn} {WindowEn(rule, kpi)} {what.Item2}".Replace("  ", " "));
        }

        switch (rule.Condition)
        {
            case AlertConditionKind.Rising:
                return (
                    $"{nameVi}: {kpiVi} tăng {Whole(r.Change ?? 0, Vi)} trong 60 phút qua (nay {Whole(r.Value.Value, Vi)}), ngưỡng tăng {Whole(rule.Threshold ?? 0, Vi)}{sinceVi}",
                    $"{nameEn}: {kpiEn} rose by {Whole(r.Change ?? 0, En)} in the last 60 minutes (now {Whole(r.Value.Value, En)}), threshold +{Whole(rule.Threshold ?? 0, En)}{sinceEn}");
            case AlertConditionKind.ProjectedMiss when r.Nowcast is { } n:
                var neededVi = NowcastText.NeededVi(n, kpi.Id);
                var neededEn = NowcastText.NeededEn(n, kpi.Id);
                return (
                    $"{nameVi}: {kpiVi} dự báo cuối {n.Period.LabelVi} {Value(kpi, r.Value, Vi)} ({Fraction(r, Vi)} đến nay), chỉ tiêu {Target(r, kpi, Vi)}{sinceVi}. {neededVi}".TrimEnd(),
                    $"{nameEn}: {kpiEn} projected for the end of {n.Period.LabelEn} {Value(kpi, r.Value, En)} ({Fraction(r, En)} so far), target {Target(r, kpi, En)}{sinceEn}. {neededEn}".TrimEnd());
        }

        var fractionVi = kpi.Kind == KpiKind.Rate ? $" ({Fraction(r, Vi)})" : "";
        var fractionEn = kpi.Kind == KpiKind.Rate ? $" ({Fraction(r, En)})" : "";
        var (boundVi, boundEn) = rule.Condition switch
        {
            AlertConditionKind.Below => ($"ngưỡng dưới {Value(kpi, rule.Threshold, Vi)}", $"threshold below {Value(kpi, rule.Threshold, En)}"),
            AlertConditionKind.Above => ($"ngưỡng trên {Value(kpi, rule.Threshold, Vi)}", $"threshold above {Value(kpi, rule.Threshold, En)}"),
            _ => ($"chỉ tiêu {Target(r, kpi, Vi)}", $"target {Target(r, kpi, En)}"),
        };
        return (
            $"{nameVi}: {kpiVi} {WindowVi(rule, kpi)} {Value(kpi, Exact(kpi, r), Vi)}{fractionVi}, {boundVi}{sinceVi}".Replace("  ", " "),
            $"{nameEn}: {kpiEn} {WindowEn(rule, kpi)} {Value(kpi, Exact(kpi, r), En)}{fractionEn}, {boundEn}{sinceEn}".Replace("  ", " "));
    }

    private static string WindowVi(AlertRule rule, KpiDefinition kpi) => kpi.Kind == KpiKind.Gauge ? "" : rule.Window switch
    {
        KpiWindow.Today => "hôm nay",
        KpiWindow.Last60Minutes => "trong 60 phút qua",
        KpiWindow.Last7Days => "trong 7 ngày qua",
        KpiWindow.MonthToDate => "từ đầu tháng",
        _ => "từ đầu năm",
    };

    private static string WindowEn(AlertRule rule, KpiDefinition kpi) => kpi.Kind == KpiKind.Gauge ? "" : rule.Window switch
    {
        KpiWindow.Today => "today",
        KpiWindow.Last60Minutes => "in the last 60 minutes",
        KpiWindow.Last7Days => "in the last 7 days",
        KpiWindow.MonthToDate => "month to date",
        _ => "year to date",
    };

    /// <summary>"82,4%", "57", "12,5 giây".</summary>
    private static string Value(KpiDefinition kpi, double? value, CultureInfo culture) => value switch
    {
        null => "—",
        { } v when kpi.Kind == KpiKind.Rate => NowcastText.Percent(v, culture),
        { } v when kpi.Kind == KpiKind.AverageSeconds => v.ToString("N1", culture) + (culture == Vi ? " giây" : " s"),
        { } v => Whole(v, culture),
    };

    /// <summary>
    /// A rate from its own numerator and denominator: the reading's value is already rounded to two decimals, and
    /// rounding 82.35 again to one gives 82.3 where 14/17 = 82.35294… is 82.4.
    /// </summary>
    private static double? Exact(KpiDefinition kpi, AlertReading r) =>
        kpi.Kind == KpiKind.Rate && r.Numerator is { } n && r.Denominator is { } d && d > 0 ? 100.0 * n / d : r.Value;

    private static string Target(AlertReading r, KpiDefinition kpi, CultureInfo culture) =>
        (r.Direction == "<=" ? "≤ " : "") + Value(kpi, r.Target, culture);

    /// <summary>"14/17": numerator over denominator, whole.</summary>
    private static string Fraction(AlertReading r, CultureInfo culture) =>
        $"{Whole(r.Numerator ?? 0, culture)}/{Whole(r.Denominator ?? 0, culture)}";

    private static string Whole(double value, CultureInfo culture) => Math.Round(value).ToString("N0", culture);

    /// <summary>"từ 09:40", or "từ 09:40 ngày 02/12" when it began on another day.</summary>
    private static string Since(DateTimeOffset since, DateTimeOffset now, CultureInfo culture) =>
        (culture == Vi ? "từ " : "since ") + Clock(VietnamTime.ToLocal(since), now, culture);

    private static string Clock(DateTimeOffset local, DateTimeOffset now, CultureInfo culture)
    {
        var time = local.ToString("HH:mm", culture);
        return VietnamTime.LocalDate(local) == VietnamTime.LocalDate(now)
            ? time
            : culture == Vi ? $"{time} ngày {local.ToString("dd/MM", culture)}" : $"{time} on {local.ToString("d MMM", culture)}";
    }

    /// <summary>A KPI name inside a sentence: "tỷ lệ giải quyết đúng hạn"; an acronym ("PAKN quá hạn") keeps its capitals.</summary>
    private static string Lower(string name) =>
        name.Length > 1 && char.IsUpper(name[0]) && !char.IsUpper(name[1]) ? char.ToLower(name[0], CultureInfo.InvariantCulture) + name[1..] : name;
}
