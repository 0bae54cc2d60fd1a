using IOC.Domain.Kpis;

namespace IOC.Charts;

/// <summary>One value of a line: local Vietnam time of the step's start; null where there was nothing to divide by.</summary>
public readonly record struct ChartPoint(DateTime At, double? Value);

/// <summary>A named line (a unit, an agency) of a chart.</summary>
public sealed record ChartLine(string Name, IReadOnlyList<ChartPoint> Points);

/// <summary>The target drawn across a chart: its value and direction (">=" or "&lt;=").</summary>
public sealed record ChartTarget(double Value, string Direction);

/// <summary>How long each point is: it decides how the time axis is labelled.</summary>
public enum ChartStep
{
    Minutes,
    Hours,
    Days,
    Months,
}

/// <summary>
/// A KPI over time against its target, to draw as a picture.
/// </summary>
/// <param name="Title">First line of the title: what and where ("Phường Cửa Nam — Tỷ lệ giải quyết đúng hạn").</param>
/// <param name="Subtitle">Second line: the period and step ("01/11/2026 – 21/11/2026 · theo ngày").</param>
public sealed record LineChartInput(
    string Title,
    string Subtitle,
    KpiKind Kind,
    ChartStep Step,
    IReadOnlyList<ChartLine> Lines,
    ChartTarget? Target,
    bool English)
{
    public ChartTexts Texts => ChartTexts.For(English);
}

/// <summary>One bar of a ranking (a ward and its value), with its status colour.</summary>
public sealed record ChartBar(string Label, double? Value, string Status);

/// <summary>A ranking as horizontal bars against a target (the briefing's weakest wards).</summary>
public sealed record BarChartInput(string Title, string Subtitle, KpiKind Kind, IReadOnlyList<ChartBar> Bars, ChartTarget? Target, bool English)
{
    public ChartTexts Texts => ChartTexts.For(English);
}
