using ScottPlot;
using ScottPlot.TickGenerators;

namespace IOC.Charts;

/// <summary>
/// A ranking as horizontal bars, weakest at the top, each coloured by its status and labelled with its value, the
/// target as a dashed vertical line. A unit without data has no bar and says so in its label.
/// </summary>
public static class BarChart
{
    public static Plot Build(BarChartInput input)
    {
        var texts = input.Texts;
        var plot = new Plot();
        ChartFonts.Apply(plot);
        plot.Title($"{input.Title}\n{input.Subtitle}", size: 18);
        plot.Grid.MajorLineColor = ChartPalette.Grid;

        var count = input.Bars.Count;
        var bars = input.Bars.Select((bar, i) => new Bar
        {
            // The first (weakest) bar at the top.
            Position = count - 1 - i,
            Value = bar.Value ?? 0,
            FillColor = ChartPalette.Status(bar.Status),
            LineWidth = 0,
            Label = bar.Value is { } v ? texts.Value(input.Kind, v) : "",
            Orientation = Orientation.Horizontal,
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 14;
        plottable.ValueLabelStyle.Bold = true;

        var positions = input.Bars.Select((_, i) => (double)(count - 1 - i)).ToArray();
        var labels = input.Bars.Select(b => b.Value is null ? $"{b.Label} ({texts.NoData.ToLowerInvariant()})" : b.Label).ToArray();
        plot.Axes.Left.TickGenerator = new NumericManual(positions, labels);
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        // A rate's axis ends at 100%: the room beyond it is only for the value labels.
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic
        {
            LabelFormatter = v => input.Kind == IOC.Domain.Kpis.KpiKind.Rate && v > 100 ? "" : texts.Value(input.Kind, v),
        };
        plot.Axes.Bottom.Label.Text = texts.Axis(input.Kind);

        var max = input.Bars.Select(b => b.Value ?? 0).Append(input.Target?.Value ?? 0).DefaultIfEmpty(0).Max();
        if (input.Target is { } target)
        {
            var rule = plot.Add.VerticalLine(target.Value, 2, ChartPalette.Target, LinePattern.Dashed);
            rule.LegendText = texts.Target(target, input.Kind);
            plot.ShowLegend(Edge.Bottom);
        }

        // Room on the right for the value labels.
        plot.Axes.SetLimits(0, Math.Max(1, max * 1.18), -0.6, count - 0.4);
        return plot;
    }
}
