using IOC.Review.Periods;
using IOC.Review.Reports;
using PdfSharp.Drawing;

namespace IOC.Reports.Pdf;

/// <summary>
/// A commitment's trend in a small box: one line per run of consecutive points with a value (a day without data
/// breaks the line; a lone point is a dot), placed by date across the whole period, and the target as a dashed line.
/// The vertical scale is rounded to tens around the values and the target; its ends are printed on the right.
/// </summary>
internal static class Sparkline
{
    private const double LabelWidth = 30;

    public static void Draw(PdfFlow flow, XRect box, IReadOnlyList<TrendPoint> trend, ReviewPeriod period, double target, ReviewWords words)
    {
        var g = flow.G;
        var plot = new XRect(box.X, box.Y + 1, box.Width - LabelWidth, box.Height - 2);
        var values = trend.Where(p => p.Value is not null).Select(p => p.Value!.Value).Append(target).ToList();
        var high = Math.Ceiling(values.Max() / 10) * 10;
        var low = Math.Floor(values.Min() / 10) * 10;
        if (high - low < 10)
        {
            low = high - 10;
        }

        double X(DateOnly day) => plot.X + (plot.Width * (day.DayNumber - period.FirstDay.DayNumber) / Math.Max(1, period.LastDay.DayNumber - period.FirstDay.DayNumber));
        double Yv(double v) => plot.Bottom - (plot.Height * (v - low) / (high - low));

        g.DrawRectangle(new XPen(ReviewColors.Rule, 0.4), plot);
        var dashed = new XPen(ReviewColors.Rule, 0.7) { DashStyle = XDashStyle.Dash };
        g.DrawLine(dashed, plot.X, Yv(target), plot.Right, Yv(target));

        var pen = new XPen(ReviewColors.Line, 1.1) { LineJoin = XLineJoin.Round };
        var brush = new XSolidBrush(ReviewColors.Line);
        for (var i = 0; i < trend.Count; i++)
        {
            if (trend[i].Value is not { } v)
            {
                continue;
            }

            var hasNext = i + 1 < trend.Count && trend[i + 1].Value is not null;
            var hasPrevious = i > 0 && trend[i - 1].Value is not null;
            if (hasNext)
            {
                g.DrawLine(pen, X(trend[i].Start), Yv(v), X(trend[i + 1].Start), Yv(trend[i + 1].Value!.Value));
            }
            else if (!hasPrevious)
            {
                g.DrawEllipse(brush, X(trend[i].Start) - 1.2, Yv(v) - 1.2, 2.4, 2.4);
            }
        }

        var font = ReportFonts.Font(6);
        flow.Text(words.Percent(high), font, ReviewColors.Muted, plot.Right + 3, plot.Y - 1);
        flow.Text(words.Percent(low), font, ReviewColors.Muted, plot.Right + 3, plot.Bottom - 7);
    }
}
