using IOC.Domain.Kpis;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace IOC.Charts;

/// <summary>
/// A KPI's history as lines against its target: one line per unit, a gap where a step had nothing to divide by (a
/// lone value is a dot), the target dashed and named in the legend, the title on two lines (what and where, then the
/// period), axes labelled in the chart's language with its number and date formats.
/// </summary>
public static class LineChart
{
    public static Plot Build(LineChartInput input)
    {
        var texts = input.Texts;
        var plot = new Plot();
        ChartFonts.Apply(plot);
        plot.Title($"{input.Title}\n{input.Subtitle}", size: 18);
        plot.Axes.Title.Label.ForeColor = ChartPalette.Ink;
        plot.YLabel(texts.Axis(input.Kind), size: 14);
        plot.Grid.MajorLineColor = ChartPalette.Grid;

        var drawn = 0;
        foreach (var (line, index) in input.Lines.Select((l, i) => (l, i)))
        {
            if (line.Points.Count == 0)
            {
                continue;
            }

            // NaN breaks the line: a step without data is a gap, never a zero.
            var xs = line.Points.Select(p => p.At.ToOADate()).ToArray();
            var ys = line.Points.Select(p => p.Value ?? double.NaN).ToArray();
            var scatter = plot.Add.Scatter(xs, ys, ChartPalette.Lines[index % ChartPalette.Lines.Length]);
            // One line needs no name in the legend: the title says whose it is.
            scatter.LegendText = input.Lines.Count > 1 ? line.Name : "";
            scatter.LineWidth = 2.5f;
            scatter.MarkerSize = 8;
            drawn += ys.Count(y => !double.IsNaN(y));
        }

        if (input.Target is { } target)
        {
            var rule = plot.Add.HorizontalLine(target.Value, 2, ChartPalette.Target, LinePattern.Dashed);
            rule.LegendText = texts.Target(target, input.Kind);
        }

        if (drawn == 0)
        {
            var note = plot.Add.Annotation(texts.NoData, Alignment.MiddleCenter);
            note.LabelFontSize = 18;
            note.LabelFontColor = ChartPalette.Muted;
            note.LabelBackgroundColor = Colors.White;
            note.LabelBorderColor = ChartPalette.Grid;
            note.LabelShadowColor = Colors.Transparent;
        }

        TimeAxis(plot, input);
        ValueAxis(plot, input);

        // A legend with nothing in it (one unnamed line, no target) makes ScottPlot abandon the whole drawing.
        if (input.Lines.Count > 1 || input.Target is not null)
        {
            plot.ShowLegend(Edge.Bottom);
        }

        return plot;
    }

    // One labelled tick per step start, thinned to at most a dozen, so a day is never labelled twice (an automatic
    // date axis puts ticks at noon too) and the labels never overlap.
    private static void TimeAxis(Plot plot, LineChartInput input)
    {
        var times = input.Lines.SelectMany(l => l.Points).Select(p => p.At).Distinct().Order().ToList();
        if (times.Count == 0)
        {
            return;
        }

        var every = (int)Math.Ceiling(times.Count / 12.0);
        var shown = times.Where((_, i) => i % every == 0).ToList();
        plot.Axes.Bottom.TickGenerator = new NumericManual(
            [.. shown.Select(t => t.ToOADate())],
            [.. shown.Select(t => input.Texts.Time(t, input.Step, severalDays: times[^1].Date > times[0].Date))]);

        // Half a step of room at either end so the first and last points are not cut by the frame.
        var half = Step(input.Step) / 2;
        plot.Axes.SetLimitsX(times[0].Add(-half).ToOADate(), times[^1].Add(half).ToOADate());
    }

    // Rates hug the data and the target (a move from 94% to 96% must show) within 0–100; others start at zero.
    private static void ValueAxis(Plot plot, LineChartInput input)
    {
        var values = input.Lines.SelectMany(l => l.Points).Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        if (input.Target is { } target)
        {
            values.Add(target.Value);
        }

        var texts = input.Texts;
        var rate = input.Kind == KpiKind.Rate;
        plot.Axes.Left.TickGenerator = new NumericAutomatic
        {
            // The margin around 0–100% (so a dot at 100% is whole) carries no label.
            LabelFormatter = v => rate && (v < 0 || v > 100) ? "" : texts.Value(input.Kind, v),
        };
        if (values.Count == 0)
        {
            plot.Axes.SetLimitsY(0, input.Kind == KpiKind.Rate ? 100 : 10);
            return;
        }

        if (input.Kind == KpiKind.Rate)
        {
            var low = Math.Max(0, Math.Floor((values.Min() - 2) / 5) * 5);
            var high = Math.Max(Math.Min(100, Math.Ceiling((values.Max() + 2) / 5) * 5), low + 5);
            var margin = (high - low) * 0.03;
            plot.Axes.SetLimitsY(low - margin, high + margin);
        }
        else
        {
            plot.Axes.SetLimitsY(0, Math.Max(1, values.Max() * 1.15));
        }
    }

    private static TimeSpan Step(ChartStep step) => step switch
    {
        ChartStep.Minutes => TimeSpan.FromMinutes(5),
        ChartStep.Hours => TimeSpan.FromHours(1),
        ChartStep.Months => TimeSpan.FromDays(30),
        _ => TimeSpan.FromDays(1),
    };
}
