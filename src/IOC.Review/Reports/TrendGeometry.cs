using IOC.Review.Periods;

namespace IOC.Review.Reports;

/// <summary>
/// Where a commitment's trend is drawn in a box (the review page's sparkline and the printed report's): one run of
/// points per stretch of consecutive points with a value (a day without data breaks the line; a lone point is a
/// dot), placed by date across the days read so far (the whole period once it is over), and the target as a
/// horizontal line. The vertical scale is rounded to tens around the values and the target.
/// </summary>
/// <remarks>
/// Placing the points across the whole period drew a month three days old as a stub in the first tenth of the box;
/// the page already says how far a running period has got ("số liệu lúc …"), so the box is given to the days there are.
/// A single day is drawn at the right end, where the latest point of a longer trend sits.
/// </remarks>
public sealed record TrendGeometry(IReadOnlyList<IReadOnlyList<(double X, double Y)>> Runs, double TargetY, double High, double Low)
{
    /// <summary>The last point drawn, if any: marked on the page.</summary>
    public (double X, double Y)? Last => Runs.Count == 0 ? null : Runs[^1][^1];

    public static TrendGeometry From(IReadOnlyList<TrendPoint> trend, ReviewPeriod period, double target, double width, double height, double inset)
    {
        var values = trend.Where(p => p.Value is not null).Select(p => p.Value!.Value).Append(target).ToList();
        var high = Math.Ceiling(values.Max() / 10) * 10;
        var low = Math.Floor(values.Min() / 10) * 10;
        if (high - low < 10)
        {
            low = high - 10;
        }

        // The trend runs up to the last day read (today in a period still running); a day without data still counts.
        var first = period.FirstDay.DayNumber;
        var span = (trend.Count > 0 ? trend[^1].Start.DayNumber : period.LastDay.DayNumber) - first;
        double X(DateOnly day) => span <= 0 ? width - inset : inset + ((width - (2 * inset)) * (day.DayNumber - first) / span);
        double Y(double v) => height - inset - ((height - (2 * inset)) * (v - low) / (high - low));

        var runs = new List<IReadOnlyList<(double, double)>>();
        var run = new List<(double, double)>();
        foreach (var point in trend)
        {
            if (point.Value is { } v)
            {
                run.Add((X(point.Start), Y(v)));
            }
            else if (run.Count > 0)
            {
                runs.Add(run);
                run = [];
            }
        }

        if (run.Count > 0)
        {
            runs.Add(run);
        }

        return new TrendGeometry(runs, Y(target), high, low);
    }
}
