using IOC.Reports.Tables;
using IOC.Review.Psi;
using IOC.Web.Apis;

namespace IOC.Web.Exports;

/// <summary>The PSI estimate as a download: the wards ranked (the CSV), then the agencies, with Vietnamese headers.</summary>
public static class PsiExport
{
    public static ExportBook Book(PsiReport report)
    {
        var period = report.Period;
        var name = $"psi-uoc-tinh-{(period.Value.Length > 0 ? period.Value : $"{period.FirstDay:yyyyMMdd}-{period.LastDay:yyyyMMdd}")}";
        return new ExportBook(name,
        [
            new ExportTable("Phường, xã", ["Hạng", "Mã", "Phường, xã", .. GroupHeaders(), .. TotalHeaders()],
                report.Wards.Select<PsiUnitResult, object?[]>(w => [w.Rank is { } r ? (long)r : null, w.Unit.Code, w.Unit.Name, .. Cells(w.Estimate)]).ToList()),
            new ExportTable("Cơ quan", ["Mã", "Cơ quan", .. GroupHeaders(), .. TotalHeaders()],
                report.Agencies.Select<PsiUnitResult, object?[]>(a => [a.Unit.Code, a.Unit.Name, .. Cells(a.Estimate)]).ToList()),
        ]);
    }

    private static IEnumerable<string> GroupHeaders() =>
        Enum.GetValues<PsiGroup>().Select(g => $"{g.NameVi()} ({PsiEstimator.MaxPoints[g]})");

    private static string[] TotalHeaders() =>
        ["Tổng điểm (ước tính)", "Trên số điểm đo được", "Quy đổi thang 100", "Xếp loại", "Ghi chú"];

    private static object?[] Cells(PsiEstimate e) =>
    [
        .. e.Groups.Select(g => g.Points is { } p ? (object?)Math.Round(p, 2) : null),
        Math.Round(e.Points, 2), (long)e.MeasuredMax, e.Scaled is { } s ? Math.Round(s, 2) : null, e.Band.NameVi(), PsiWire.EstimateVi,
    ];
}
