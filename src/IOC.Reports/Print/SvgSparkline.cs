using System.Globalization;
using System.Text;
using IOC.Review.Periods;
using IOC.Review.Reports;

namespace IOC.Reports.Print;

/// <summary>
/// A commitment's trend as inline SVG: one polyline per run of consecutive points with a value (a day without data
/// breaks the line; a lone point is a dot), placed by date across the whole period, and the target as a dashed line.
/// The vertical scale is rounded to tens around the values and the target; <see cref="Scale"/> gives its ends.
/// </summary>
internal static class SvgSparkline
{
    private const double Width = 200;
    private const double Height = 40;
    private const double Inset = 5;

    /// <summary>The top and bottom of the vertical scale, in percent.</summary>
    public static (double High, double Low) Scale(IReadOnlyList<TrendPoint> trend, double target)
    {
        var values = trend.Where(p => p.Value is not null).Select(p => p.Value!.Value).Append(target).ToList();
        var high = Math.Ceiling(values.Max() / 10) * 10;
        var low = Math.Floor(values.Min() / 10) * 10;
        return (high, high - low < 10 ? high - 10 : low);
    }

    /// <param name="label">What a screen reader says for the chart (the SVG is a figure, not decoration); encoded here.</param>
    public static string Svg(IReadOnlyList<TrendPoint> trend, ReviewPeriod period, double target, string label)
    {
        var (high, low) = Scale(trend, target);
        var span = Math.Max(1, period.LastDay.DayNumber - period.FirstDay.DayNumber);
        double X(DateOnly day) => Inset + ((Width - (2 * Inset)) * (day.DayNumber - period.FirstDay.DayNumber) / span);
        double Y(double v) => Height - Inset - ((Height - (2 * Inset)) * (v - low) / (high - low));

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{ReviewHtml.Encode(label)}\">");
        svg.Append($"<rect x=\"0.5\" y=\"0.5\" width=\"{Width - 1}\" height=\"{Height - 1}\" fill=\"none\" stroke=\"#bdbdbd\" stroke-width=\"0.8\" vector-effect=\"non-scaling-stroke\"/>");
        svg.Append($"<line x1=\"0\" x2=\"{Width}\" y1=\"{N(Y(target))}\" y2=\"{N(Y(target))}\" stroke=\"#9e9e9e\" stroke-width=\"0.8\" stroke-dasharray=\"4 3\" vector-effect=\"non-scaling-stroke\"/>");
        foreach (var run in Runs(trend))
        {
            if (run.Count == 1)
            {
                svg.Append($"<circle cx=\"{N(X(run[0].Start))}\" cy=\"{N(Y(run[0].Value!.Value))}\" r=\"1.6\" fill=\"#1f5fa8\"/>");
            }
            else
            {
                var points = string.Join(' ', run.Select(p => $"{N(X(p.Start))},{N(Y(p.Value!.Value))}"));
                svg.Append($"<polyline points=\"{points}\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.4\" stroke-linejoin=\"round\" vector-effect=\"non-scaling-stroke\"/>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>The runs of consecutive points that have a value.</summary>
    private static IEnumerable<List<TrendPoint>> Runs(IReadOnlyList<TrendPoint> trend)
    {
        var run = new List<TrendPoint>();
        foreach (var point in trend)
        {
            if (point.Value is null)
            {
                if (run.Count > 0)
                {
                    yield return run;
                }

                run = [];
            }
            else
            {
                run.Add(point);
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
