namespace IOC.Review.Reports;

/// <summary>
/// The words of the competition review, in Vietnamese and English, shared by the page (/review), the printed report
/// and the workbook, so a reviewer reads one vocabulary wherever the review is shown. Formats take their figures
/// with string.Format ("Hạng {0}/{1}").
/// </summary>
public static class ReviewTerms
{
    public static readonly (string Vi, string En) Title =
        ("Đánh giá thực hiện cam kết thi đua chuyển đổi số", "Digital transformation competition: commitments review");

    /// <summary>The printed report's title: the page's, as a report.</summary>
    public static readonly (string Vi, string En) ReportTitle =
        ("Báo cáo đánh giá thực hiện cam kết thi đua chuyển đổi số", "Digital transformation competition: commitments review");

    public static readonly (string Vi, string En) Period = ("Kỳ đánh giá", "Period");

    public static readonly (string Vi, string En) AsOf = ("số liệu lúc {0}", "figures as of {0}");

    public static readonly (string Vi, string En) Running =
        ("Kỳ đánh giá đang diễn ra: số liệu tính đến {0}, kết quả còn có thể thay đổi.", "The period is still running: figures up to {0}; results may still change.");

    public static readonly (string Vi, string En) Commitments = ("Các cơ quan so với cam kết", "The agencies against their commitments");

    public static readonly (string Vi, string En) Commitment = ("Cam kết", "Commitment");

    public static readonly (string Vi, string En) Agency = ("Cơ quan", "Agency");

    /// <summary>Before a target: "Chỉ tiêu ≥ 95%" (the commitment's target, never the KPI, which is a "chỉ số").</summary>
    public static readonly (string Vi, string En) Target = ("Chỉ tiêu {0}", "Target {0}");

    /// <summary>A cell of an agency that made no commitment on the row's KPI.</summary>
    public static readonly (string Vi, string En) NotCommitted = ("Không thuộc cam kết", "Not committed");

    /// <summary>A rank among the agencies committed to the KPI; shown only when two or more are (see <see cref="ReviewReport.Contested"/>).</summary>
    public static readonly (string Vi, string En) Rank = ("Hạng {0}/{1}", "Rank {0} of {1}");

    public static readonly (string Vi, string En) Unranked = ("Chưa xếp hạng", "Not ranked");

    public static readonly (string Vi, string En) Overall = ("Xếp hạng chung", "Overall ranking");

    public static readonly (string Vi, string En) RankColumn = ("Hạng", "Rank");

    /// <summary>The overall ranking's measure (docs/review.md, "Ranking").</summary>
    public static readonly (string Vi, string En) Attainment = ("Mức hoàn thành cam kết", "Attainment");

    public static readonly (string Vi, string En) Met = ("Số cam kết đạt", "Commitments met");

    public static readonly (string Vi, string En) MetOf = ("{0}/{1}", "{0} of {1}");

    public static readonly (string Vi, string En) RulesHeading = ("Cách đánh giá và xếp hạng", "How commitments are judged and ranked");

    public static readonly (string Vi, string En) Rules = (
        "Một cam kết là Đạt khi giá trị đạt chỉ tiêu; Gần đạt khi một tỷ lệ còn thiếu không quá 5 điểm phần trăm; Chưa đạt trong trường hợp còn lại; " +
        "không có số liệu trong kỳ thì ghi Chưa có dữ liệu và không tính là chưa đạt. Xếp hạng theo từng chỉ số: các cơ quan có số liệu, tốt nhất trước; " +
        "giá trị bằng nhau khi làm tròn một chữ số thập phân thì đồng hạng và hạng kế tiếp bị bỏ qua (1, 1, 3); chỉ số chỉ một cơ quan cam kết thì không xếp hạng. " +
        "Xếp hạng chung theo mức hoàn thành cam kết: trung bình, trên các cam kết có số liệu, của min(giá trị / chỉ tiêu, 1), tính theo phần trăm. " +
        "Cơ quan không có số liệu không được xếp hạng (—) và xếp cuối.",
        "A commitment is Met when its value reaches the target; Near when a rate misses by at most 5 percentage points; Missed otherwise; " +
        "with nothing to count in the period it is No data, never a miss. Per KPI, the agencies with data are ranked best first; values equal to " +
        "one decimal share a rank and the next rank is skipped (1, 1, 3); a KPI only one agency committed to is not ranked. Overall, agencies are " +
        "ranked by attainment: the mean, over their commitments with data, of min(value / target, 1), as a percentage. Agencies without data " +
        "are not ranked (—) and listed last.");

    /// <summary>The term in one language.</summary>
    public static string In(this (string Vi, string En) term, bool english) => english ? term.En : term.Vi;
}
