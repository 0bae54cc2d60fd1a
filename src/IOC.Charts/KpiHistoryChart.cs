using IOC.Domain.Kpis;
using IOC.Domain.Time;

namespace IOC.Charts;

/// <summary>A KPI's history as the chart API, the briefing and the pages draw it: named for the unit and the period.</summary>
public static class KpiHistoryChart
{
    /// <param name="points">Step starts (any offset; drawn in Vietnam time) and values, null where nothing was divided.</param>
    /// <param name="to">End of the last step (exclusive).</param>
    /// <param name="step">The history API's step: 5m, 1h, 1d (or 1mo for months).</param>
    public static LineChartInput Input(
        string unitName, KpiDefinition kpi, IReadOnlyList<(DateTimeOffset Start, double? Value)> points,
        DateTimeOffset from, DateTimeOffset to, string step, ChartTarget? target, bool english)
    {
        var texts = ChartTexts.For(english);
        var chartStep = step switch
        {
            "5m" => ChartStep.Minutes,
            "1h" => ChartStep.Hours,
            "1mo" => ChartStep.Months,
            _ => ChartStep.Days,
        };
        return new LineChartInput(
            $"{unitName} — {(english ? kpi.NameEn : kpi.NameVi)}",
            $"{Period(from, to, texts)} · {StepName(chartStep, english)}",
            kpi.Kind,
            chartStep,
            [new ChartLine(unitName, [.. points.Select(p => new ChartPoint(VietnamTime.ToLocal(p.Start).DateTime, p.Value))])],
            target,
            english);
    }

    /// <summary>"01/11/2026 – 21/11/2026" for whole days (the end is exclusive), else with the times.</summary>
    public static string Period(DateTimeOffset from, DateTimeOffset to, ChartTexts texts)
    {
        var (start, end) = (VietnamTime.ToLocal(from).DateTime, VietnamTime.ToLocal(to).DateTime);
        if (start.TimeOfDay == TimeSpan.Zero && end.TimeOfDay == TimeSpan.Zero)
        {
            var last = end.AddDays(-1);
            return last <= start ? start.ToString("dd/MM/yyyy", texts.Culture) : $"{start.ToString("dd/MM/yyyy", texts.Culture)} – {last.ToString("dd/MM/yyyy", texts.Culture)}";
        }

        return start.Date == end.Date
            ? $"{start.ToString("dd/MM/yyyy HH:mm", texts.Culture)} – {end.ToString("HH:mm", texts.Culture)}"
            : $"{start.ToString("dd/MM/yyyy HH:mm", texts.Culture)} – {end.ToString("dd/MM/yyyy HH:mm", texts.Culture)}";
    }

    private static string StepName(ChartStep step, bool english) => (step, english) switch
    {
        (ChartStep.Minutes, false) => "mỗi 5 phút",
        (ChartStep.Minutes, true) => "per 5 minutes",
        (ChartStep.Hours, false) => "theo giờ",
        (ChartStep.Hours, true) => "per hour",
        (ChartStep.Months, false) => "theo tháng",
        (ChartStep.Months, true) => "per month",
        (_, false) => "theo ngày",
        _ => "per day",
    };
}
