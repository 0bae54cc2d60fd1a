namespace IOC.Reports.Print;

/// <summary>The fixed words of the printed review, in Vietnamese (the official one) and English.</summary>
/// <param name="Page">Before the page number; <paramref name="PageOf"/> between it and the page count ("Trang 1/3", "Page 1 of 3").</param>
internal sealed record ReviewTexts(
    string Issuer,
    string Title,
    string Period,
    string AsOf,
    string Running,
    string CommitmentsHeading,
    string Commitment,
    string Target,
    string Rank,
    string NotCommitted,
    string TrendNote,
    string RankingHeading,
    string RankColumn,
    string AgencyColumn,
    string AttainmentColumn,
    string MetColumn,
    string RulesHeading,
    string Rules,
    string Footer,
    string Page,
    string PageOf)
{
    public static readonly ReviewTexts Vietnamese = new(
        Issuer: "Thành phố Hà Nội · Trung tâm điều hành thông minh (IOC)",
        Title: "Báo cáo đánh giá thực hiện cam kết thi đua chuyển đổi số",
        Period: "Kỳ đánh giá",
        AsOf: "Số liệu đến",
        Running: "Kỳ đánh giá đang diễn ra: số liệu tính đến thời điểm lập báo cáo, kết quả còn có thể thay đổi.",
        CommitmentsHeading: "1. Kết quả thực hiện cam kết theo cơ quan",
        Commitment: "Cam kết",
        Target: "Chỉ tiêu",
        Rank: "Hạng",
        NotCommitted: "Không cam kết chỉ tiêu này",
        TrendNote: "Đường xu hướng: giá trị theo ngày trong kỳ (theo tháng khi kỳ dài hơn một quý), chỗ đứt là ngày không có số liệu; nét đứt ngang là chỉ tiêu.",
        RankingHeading: "2. Xếp hạng chung",
        RankColumn: "Hạng",
        AgencyColumn: "Cơ quan",
        AttainmentColumn: "Mức đạt",
        MetColumn: "Số cam kết đạt",
        RulesHeading: "3. Cách đánh giá và xếp hạng",
        Rules: "Một cam kết là Đạt khi giá trị đạt chỉ tiêu; Gần đạt khi một tỷ lệ còn thiếu không quá 5 điểm phần trăm; Chưa đạt trong trường hợp còn lại; " +
               "không có số liệu trong kỳ thì ghi Chưa có dữ liệu và không tính là chưa đạt. Xếp hạng theo từng chỉ tiêu: các cơ quan có số liệu, tốt nhất trước; " +
               "giá trị bằng nhau khi làm tròn một chữ số thập phân thì đồng hạng và hạng kế tiếp bị bỏ qua (1, 1, 3). Xếp hạng chung theo mức đạt: trung bình, " +
               "trên các cam kết có số liệu, của min(giá trị / chỉ tiêu, 1), tính theo phần trăm. Cơ quan không có số liệu không được xếp hạng (—) và xếp cuối.",
        Footer: "IOC Hà Nội · Báo cáo đánh giá cam kết thi đua",
        Page: "Trang ",
        PageOf: "/");

    public static readonly ReviewTexts English = new(
        Issuer: "Hanoi · Intelligent Operations Centre (IOC)",
        Title: "Digital transformation competition: commitments review",
        Period: "Period",
        AsOf: "Figures as of",
        Running: "This period is still running: figures are as of the time of this report and may still change.",
        CommitmentsHeading: "1. Commitments by agency",
        Commitment: "Commitment",
        Target: "Target",
        Rank: "Rank",
        NotCommitted: "No commitment on this KPI",
        TrendNote: "Trend: the value per day of the period (per month when the period is longer than a quarter); a break is a day without data; the dashed line is the target.",
        RankingHeading: "2. Overall ranking",
        RankColumn: "Rank",
        AgencyColumn: "Agency",
        AttainmentColumn: "Attainment",
        MetColumn: "Commitments met",
        RulesHeading: "3. How commitments are judged and ranked",
        Rules: "A commitment is Met when its value reaches the target; Near when a rate misses by at most 5 percentage points; Missed otherwise; " +
               "with nothing to count in the period it is No data, never a miss. Per KPI, the agencies with data are ranked best first; values equal to " +
               "one decimal share a rank and the next rank is skipped (1, 1, 3). Overall, agencies are ranked by attainment: the mean, over their commitments " +
               "with data, of min(value / target, 1), as a percentage. Agencies without data are not ranked (—) and listed last.",
        Footer: "IOC Hanoi · Competition commitments review",
        Page: "Page ",
        PageOf: " of ");

    public static ReviewTexts For(bool english) => english ? English : Vietnamese;
}
