using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Reports.Tables;
using IOC.Review.Reports;

namespace IOC.Reports.Excel;

/// <summary>
/// The review as an .xlsx workbook for reviewers who re-sort and re-chart: "Cam kết" (one row per agency and
/// commitment), "Xếp hạng" (the overall ranking) and "Xu hướng" (every trend point). Figures are numbers, not text;
/// words are Vietnamese. Written by the shared <see cref="ExcelExport"/>.
/// </summary>
public static class ReviewWorkbook
{
    private static readonly ReviewWords Vi = ReviewWords.Vietnamese;

    public static byte[] Write(ReviewReport report) => ExcelExport.Write(Book(report));

    public static ExportBook Book(ReviewReport report) => new(
        ReviewFile.BaseName(report.Period),
        [Commitments(report), Ranking(report), Trends(report)]);

    private static ExportTable Commitments(ReviewReport report) => new(
        "Cam kết",
        ["Mã cơ quan", "Cơ quan", "Cam kết", "Mã chỉ tiêu", "Giá trị (%)", "Tử số", "Mẫu số", "Chỉ tiêu (%)", "Chiều", "Đánh giá",
            "Còn thiếu (số lượng)", "Khoảng cách", "Xếp hạng", "Số cơ quan xếp hạng"],
        report.Agencies.SelectMany(a => a.Commitments.Select(c =>
        {
            var (commitment, value) = (c.Result.Commitment, c.Result.Value);
            return new object?[]
            {
                a.Agency.Code, ReviewWords.Nfc(a.Agency.Name), Vi.Wording(commitment), commitment.Kpi,
                value.Value is { } v ? Math.Round(v, 2) : null, value.Numerator, value.Denominator, commitment.Value,
                commitment.Direction == TargetDirection.AtLeast ? "≥" : "≤", Vi.Status(c.Result.Status),
                c.Result.Gap.Items, Vi.Gap(c), (long?)c.Rank, (long)report.CommittedTo(commitment.Kpi),
            };
        })).ToList());

    private static ExportTable Ranking(ReviewReport report) => new(
        "Xếp hạng",
        ["Hạng", "Mã cơ quan", "Cơ quan", "Mức đạt (%)", "Số cam kết đạt", "Có dữ liệu", "Tổng số cam kết"],
        Ranked(report).Select(a => new object?[]
        {
            (long?)a.Rank, a.Agency.Code, ReviewWords.Nfc(a.Agency.Name), a.Score.Attainment is { } s ? Math.Round(s, 2) : null,
            (long)a.Score.Met, (long)a.Score.WithData, (long)a.Score.Total,
        }).ToList());

    private static ExportTable Trends(ReviewReport report) => new(
        "Xu hướng",
        ["Mã cơ quan", "Mã chỉ tiêu", "Chỉ tiêu", "Ngày", "Giá trị (%)"],
        report.Agencies.SelectMany(a => a.Commitments.SelectMany(c => c.Trend.Select(p => new object?[]
        {
            a.Agency.Code, c.Result.Commitment.Kpi, ReviewWords.Nfc(KpiCatalog.Get(c.Result.Commitment.Kpi).NameVi), p.Start,
            p.Value is { } v ? Math.Round(v, 2) : null,
        }))).ToList());

    /// <summary>Best first; agencies without a rank (no data) last, in agreement order.</summary>
    internal static IEnumerable<AgencyReview> Ranked(ReviewReport report) =>
        report.Agencies.Select((a, i) => (a, i)).OrderBy(x => x.a.Rank ?? int.MaxValue).ThenBy(x => x.i).Select(x => x.a);
}
