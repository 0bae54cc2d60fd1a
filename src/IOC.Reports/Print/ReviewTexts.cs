using IOC.Review.Reports;

namespace IOC.Reports.Print;

/// <summary>
/// The fixed words of the printed review, in Vietnamese (the official one) and English. Every word the page shows
/// too comes from <see cref="ReviewTerms"/>, so page and PDF say the same; only what exists on paper alone (issuer,
/// footer, page numbers, the note under the trend lines, section numbers) is written here.
/// </summary>
/// <param name="AsOf">"Số liệu lúc {0}".</param>
/// <param name="Running">The note of a period still running, with the as-of time in {0}.</param>
/// <param name="Target">"Chỉ tiêu {0}" with the target in {0}.</param>
/// <param name="Rank">"Hạng {0}/{1}".</param>
/// <param name="MetOf">"{0}/{1}" commitments met of all.</param>
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
    string Unranked,
    string NotCommitted,
    string TrendNote,
    string RankingHeading,
    string RankColumn,
    string AgencyColumn,
    string AttainmentColumn,
    string MetColumn,
    string MetOf,
    string RulesHeading,
    string Rules,
    string Footer,
    string Page,
    string PageOf)
{
    public static readonly ReviewTexts Vietnamese = Of(
        english: false,
        issuer: "Thành phố Hà Nội · Trung tâm điều hành thông minh (IOC)",
        trendNote: "Đường xu hướng: giá trị theo ngày trong kỳ (theo tháng khi kỳ dài hơn một quý), chỗ đứt là ngày không có số liệu; nét đứt ngang là chỉ tiêu.",
        footer: "IOC Hà Nội · Báo cáo đánh giá cam kết thi đua",
        page: "Trang ",
        pageOf: "/");

    public static readonly ReviewTexts English = Of(
        english: true,
        issuer: "Hanoi · Intelligent Operations Centre (IOC)",
        trendNote: "Trend: the value per day of the period (per month when the period is longer than a quarter); a break is a day without data; the dashed line is the target.",
        footer: "IOC Hanoi · Competition commitments review",
        page: "Page ",
        pageOf: " of ");

    public static ReviewTexts For(bool english) => english ? English : Vietnamese;

    /// <summary>The texts of a deployment: its province (or the country) issues the report, not Hanoi.</summary>
    public static ReviewTexts For(bool english, IOC.Domain.Units.Unit? issuer)
    {
        var texts = For(english);
        if (issuer is null)
        {
            return texts;
        }

        var place = IOC.Domain.Units.PlaceNames.Short(issuer, english);
        return english
            ? texts with { Issuer = $"{issuer.NameEn} · Intelligent Operations Centre (IOC)", Footer = $"IOC {place} · Competition commitments review" }
            : texts with { Issuer = $"{issuer.Name} · Trung tâm điều hành thông minh (IOC)", Footer = $"IOC {place} · Báo cáo đánh giá cam kết thi đua" };
    }

    private static ReviewTexts Of(bool english, string issuer, string trendNote, string footer, string page, string pageOf)
    {
        string T((string Vi, string En) term) => term.In(english);
        return new ReviewTexts(
            Issuer: issuer,
            Title: T(ReviewTerms.ReportTitle),
            Period: T(ReviewTerms.Period),
            AsOf: Capitalized(T(ReviewTerms.AsOf)),
            Running: T(ReviewTerms.Running),
            CommitmentsHeading: "1. " + T(ReviewTerms.Commitments),
            Commitment: T(ReviewTerms.Commitment),
            Target: T(ReviewTerms.Target),
            Rank: T(ReviewTerms.Rank),
            Unranked: T(ReviewTerms.Unranked),
            NotCommitted: T(ReviewTerms.NotCommitted),
            TrendNote: trendNote,
            RankingHeading: "2. " + T(ReviewTerms.Overall),
            RankColumn: T(ReviewTerms.RankColumn),
            AgencyColumn: T(ReviewTerms.Agency),
            AttainmentColumn: T(ReviewTerms.Attainment),
            MetColumn: T(ReviewTerms.Met),
            MetOf: T(ReviewTerms.MetOf),
            RulesHeading: "3. " + T(ReviewTerms.RulesHeading),
            Rules: T(ReviewTerms.Rules),
            Footer: footer,
            Page: page,
            PageOf: pageOf);
    }

    /// <summary>A term that follows a "·" on the page starts a line on paper: "số liệu lúc" becomes "Số liệu lúc".</summary>
    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
