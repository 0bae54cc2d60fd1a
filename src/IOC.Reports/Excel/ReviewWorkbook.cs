using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Reports.Tables;
using IOC.Review.Reports;

namespace IOC.Reports.Excel;

/// <summary>
/// The review as an .xlsx workbook for reviewers who re-sort and re-chart: "Cam kết" (one row per agency and
/// commitment), "Xếp hạng" (the overall ranking) and "Xu hướng" (every trend point). Figures are numbers, rates are
/// percentages and days are dates; the words are the page's (<see cref="ReviewTerms"/>) in the language asked for.
/// Written by the shared <see cref="ExcelExport"/>.
/// </summary>
public static class ReviewWorkbook
{
    public static byte[] Write(ReviewReport report, ExportLanguage language) => ExcelExport.Write(Book(report, language));

    public static ExportBook Book(ReviewReport report, ExportLanguage language) => new(
        ReviewFile.BaseName(report.Period),
        [Commitments(report, language), Ranking(report, language), Trends(report, language)],
        language);

    private static ExportTable Commitments(ReviewReport report, ExportLanguage language)
    {
        var words = ReviewWords.For(language.IsEnglish);
        string L(string vi, string en) => language.Pick(vi, en);
        return new ExportTable(
            L("Cam kết", "Commitments"),
            [
                L("Mã cơ quan", "Agency code"), ReviewTerms.Agency.In(language.IsEnglish), ReviewTerms.Commitment.In(language.IsEnglish),
                L("Mã chỉ số", "KPI id"), L("Chỉ số", "KPI"), L("Giá trị", "Value"), L("Tử số", "Numerator"), L("Mẫu số", "Denominator"),
                L("Chiều", "Direction"), L("Chỉ tiêu", "Target"), L("Đánh giá", "Status"), L("Còn thiếu (số lượng)", "Gap (items)"),
                L("Khoảng cách", "Gap"), ReviewTerms.RankColumn.In(language.IsEnglish), L("Số cơ quan cùng cam kết", "Agencies committed"),
            ],
            report.Agencies.SelectMany(a => a.Commitments.Select(c =>
            {
                var (commitment, value) = (c.Result.Commitment, c.Result.Value);
                var kpi = KpiCatalog.Get(commitment.Kpi);

                // A rank among one is no rank: left empty when the agency alone holds the commitment.
                var rank = report.Contested(commitment.Kpi) ? (long?)c.Rank : null;
                return new object?[]
                {
                    a.Agency.Code, words.Name(a.Agency), words.Wording(commitment), commitment.Kpi,
                    ReviewWords.Nfc(language.IsEnglish ? kpi.NameEn : kpi.NameVi), Percent.Of(Round(value.Value)), value.Numerator, value.Denominator,
                    commitment.Direction == TargetDirection.AtLeast ? "≥" : "≤", new Percent(commitment.Value), words.Status(c.Result.Status),
                    c.Result.Gap.Items, words.Gap(c), rank, (long)report.CommittedTo(commitment.Kpi),
                };
            })).ToList());
    }

    private static ExportTable Ranking(ReviewReport report, ExportLanguage language)
    {
        var words = ReviewWords.For(language.IsEnglish);
        string L(string vi, string en) => language.Pick(vi, en);
        return new ExportTable(
            L("Xếp hạng", "Ranking"),
            [
                ReviewTerms.RankColumn.In(language.IsEnglish), L("Mã cơ quan", "Agency code"), ReviewTerms.Agency.In(language.IsEnglish),
                ReviewTerms.Attainment.In(language.IsEnglish), ReviewTerms.Met.In(language.IsEnglish), L("Có dữ liệu", "With data"),
                L("Tổng số cam kết", "Commitments"),
            ],
            Ranked(report).Select(a => new object?[]
            {
                (long?)a.Rank, a.Agency.Code, words.Name(a.Agency), Percent.Of(Round(a.Score.Attainment)),
                (long)a.Score.Met, (long)a.Score.WithData, (long)a.Score.Total,
            }).ToList());
    }

    private static ExportTable Trends(ReviewReport report, ExportLanguage language)
    {
        string L(string vi, string en) => language.Pick(vi, en);
        return new ExportTable(
            L("Xu hướng", "Trend"),
            [L("Mã cơ quan", "Agency code"), L("Mã chỉ số", "KPI id"), L("Chỉ số", "KPI"), L("Ngày", "Day"), L("Giá trị", "Value")],
            report.Agencies.SelectMany(a => a.Commitments.SelectMany(c =>
            {
                var kpi = KpiCatalog.Get(c.Result.Commitment.Kpi);
                return c.Trend.Select(p => new object?[]
                {
                    a.Agency.Code, kpi.Id, ReviewWords.Nfc(language.IsEnglish ? kpi.NameEn : kpi.NameVi), p.Start, Percent.Of(Round(p.Value)),
                });
            })).ToList());
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;

    /// <summary>Best first; agencies without a rank (no data) last, in agreement order.</summary>
    internal static IEnumerable<AgencyReview> Ranked(ReviewReport report) =>
        report.Agencies.Select((a, i) => (a, i)).OrderBy(x => x.a.Rank ?? int.MaxValue).ThenBy(x => x.i).Select(x => x.a);
}
