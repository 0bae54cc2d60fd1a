using System.Globalization;
using IOC.Review.Periods;

namespace IOC.Reports;

/// <summary>Download names for the review: danh-gia-cam-ket-2026-11, -2026-Q4, -2026, -2026-11-01-2026-11-21.</summary>
public static class ReviewFile
{
    public static string BaseName(ReviewPeriod period) => "danh-gia-cam-ket-" + (period.Kind == PeriodKind.Custom
        ? string.Create(CultureInfo.InvariantCulture, $"{period.FirstDay:yyyy-MM-dd}-{period.LastDay:yyyy-MM-dd}")
        : period.Value);
}
