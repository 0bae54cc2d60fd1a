using System.Globalization;
using System.Text;
using IOC.Review.Periods;
using IOC.Review.Reports;

namespace IOC.Reports.Print;

/// <summary>
/// A commitment's trend as inline SVG for the printed report, drawn from <see cref="TrendGeometry"/> (as the page's
/// sparkline is): runs of points as polylines or dots, the target dashed.
/// </summary>
internal static class SvgSparkline
{
    private const double Width = 200;
    private const double Height = 40;
    private const double Inset = 5;

    /// <summary>Where the trend is drawn in the report's sparkline box; its High and Low are the scale's ends, in percent.</summary>
    public static TrendGeometry Geometry(IReadOnlyList<TrendPoint> trend, ReviewPeriod period, double target) =>
        TrendGeometry.From(trend, period, target, Width, Height, Inset);

    /// <param name="label">What a screen reader says for the chart (the SVG is a figure, not decoration); encoded here.</param>
    public static string Svg(TrendGeometry geometry, string label)
    {
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{ReviewHtml.Encode(label)}\">");
        svg.Append($"<rect x=\"0.5\" y=\"0.5\" width=\"{Width - 1}\" height=\"{Height - 1}\" fill=\"none\" stroke=\"#bdbdbd\" stroke-width=\"0.8\" vector-effect=\"non-scaling-stroke\"/>");
        svg.Append($"<line x1=\"0\" x2=\"{Width}\" y1=\"{N(geometry.TargetY)}\" y2=\"{N(geometry.TargetY)}\" stroke=\"#9e9e9e\" stroke-width=\"0.8\" stroke-dasharray=\"4 3\" vector-effect=\"non-scaling-stroke\"/>");
        foreach (var run in geometry.Runs)
        {
            if (run.Count == 1)
            {
                svg.Append($"<circle cx=\"{N(run[0].X)}\" cy=\"{N(run[0].Y)}\" r=\"1.6\" fill=\"#1f5fa8\"/>");
            }
            else
            {
                var points = string.Join(' ', run.Select(p => $"{N(p.X)},{N(p.Y)}"));
                svg.Append($"<polyline points=\"{points}\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.4\" stroke-linejoin=\"round\" vector-effect=\"non-scaling-stroke\"/>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
