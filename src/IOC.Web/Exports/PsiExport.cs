using IOC.Reports.Tables;
using IOC.Review.Psi;
using IOC.Web.Apis;

namespace IOC.Web.Exports;

/// <summary>
/// The PSI estimate as a download, in the language asked for: the wards ranked (the CSV), then the agencies; in national
/// mode the 34 provinces ranked come first (a national workbook opens on the provinces, as the national portal does).
/// </summary>
public static class PsiExport
{
    public static ExportBook Book(PsiReport report, ExportLanguage l)
    {
        var period = report.Period;
        var name = $"psi-uoc-tinh-{(period.Value.Length > 0 ? period.Value : $"{period.FirstDay:yyyyMMdd}-{period.LastDay:yyyyMMdd}")}";
        ExportTable[] provinces = report.Provinces.Count == 0 ? [] :
        [
            new ExportTable(l.Pick("Tỉnh, thành phố", "Provinces"), [l.Pick("Hạng", "Rank"), l.Pick("Mã", "Code"), l.Pick("Tỉnh, thành phố", "Province"), .. GroupHeaders(l), .. TotalHeaders(l)],
                report.Provinces.Select<PsiUnitResult, object?[]>(p => [p.Rank is { } r ? (long)r : null, p.Unit.Code, l.Pick(p.Unit.Name, p.Unit.NameEn), .. Cells(p.Estimate, l)]).ToList()),
        ];
        return new ExportBook(name,
        [
            .. provinces,
            new ExportTable(l.Pick("Phường, xã", "Wards"), [l.Pick("Hạng", "Rank"), l.Pick("Mã", "Code"), l.Pick("Phường, xã", "Ward"), .. GroupHeaders(l), .. TotalHeaders(l)],
                report.Wards.Select<PsiUnitResult, object?[]>(w => [w.Rank is { } r ? (long)r : null, w.Unit.Code, l.Pick(w.Unit.Name, w.Unit.NameEn), .. Cells(w.Estimate, l)]).ToList()),
            new ExportTable(l.Pick("Cơ quan", "Agencies"), [l.Pick("Mã", "Code"), l.Pick("Cơ quan", "Agency"), .. GroupHeaders(l), .. TotalHeaders(l)],
                report.Agencies.Select<PsiUnitResult, object?[]>(a => [a.Unit.Code, l.Pick(a.Unit.Name, a.Unit.NameEn), .. Cells(a.Estimate, l)]).ToList()),
        ], l);
    }

    private static IEnumerable<string> GroupHeaders(ExportLanguage l) =>
        Enum.GetValues<PsiGroup>().Select(g => $"{l.Pick(g.NameVi(), g.NameEn())} ({PsiEstimator.MaxPoints[g]})");

    private static string[] TotalHeaders(ExportLanguage l) =>
    [
        l.Pick("Tổng điểm (ước tính)", "Points (estimate)"), l.Pick("Trên số điểm đo được", "Out of (measured)"), l.Pick("Quy đổi thang 100", "Scaled to 100"),
        l.Pick("Xếp loại", "Band"), l.Pick("Ghi chú", "Note"),
    ];

    private static object?[] Cells(PsiEstimate e, ExportLanguage l) =>
    [
        .. e.Groups.Select(g => g.Points is { } p ? (object?)Math.Round(p, 2) : null),
        Math.Round(e.Points, 2), (long)e.MeasuredMax, e.Scaled is { } s ? Math.Round(s, 2) : null, l.Pick(e.Band.NameVi(), e.Band.NameEn()),
        l.Pick(PsiWire.EstimateVi, PsiWire.EstimateEn),
    ];
}
