using System.Globalization;
using IOC.Review.Reports;

namespace IOC.Dashboards.Models;

/// <summary>
/// A sparkline's drawing: polylines broken where a point has no data, the target as a dashed line, the last value as
/// a dot. The vertical scale runs from a little under the lowest of values and target up to 100%, so a rate that
/// hovers near its target still shows its movement.
/// </summary>
public sealed record SparklineGeometry(IReadOnlyList<string> Lines, double? TargetY, (double X, double Y)? Last)
{
    public const double Width = 160;
    public const double Height = 36;
    private const double Pad = 3;

    public static SparklineGeometry From(IReadOnlyList<TrendPoint> points, double target)
    {
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        if (values.Count == 0)
        {
            return new SparklineGeometry([], null, null);
        }

        var top = Math.Max(100, values.Max());
        var bottom = Math.Max(0, Math.Min(values.Min(), target) - 5);
        if (top - bottom < 1)
        {
            bottom = top - 1;
        }

        double X(int i) => points.Count == 1 ? Width / 2 : Pad + (i * (Width - (2 * Pad)) / (points.Count - 1));
        double Y(double v) => Pad + ((top - v) * (Height - (2 * Pad)) / (top - bottom));

        var lines = new List<string>();
        var current = new List<string>();
        (double, double)? last = null;
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is { } v)
            {
                current.Add(string.Create(CultureInfo.InvariantCulture, $"{X(i):0.#},{Y(v):0.#}"));
                last = (X(i), Y(v));
            }
            else if (current.Count > 0)
            {
                lines.Add(string.Join(' ', current));
                current.Clear();
            }
        }

        if (current.Count > 0)
        {
            lines.Add(string.Join(' ', current));
        }

        return new SparklineGeometry(lines, target >= bottom && target <= top ? Y(target) : null, last);
    }
}
