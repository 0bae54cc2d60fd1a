namespace IOC.Domain.Kpis;

/// <summary>
/// The words for what a rate counts, for sentences a duty officer reads: its numerator ("hồ sơ trực tuyến toàn
/// trình") and its denominator ("hồ sơ"). "Cần thêm 37 hồ sơ trực tuyến toàn trình để đạt 20%".
/// </summary>
/// <param name="ShortVi">The counted thing in one or two words, for "khoảng 2 hồ sơ mỗi ngày làm việc".</param>
public sealed record KpiItems(string NumeratorVi, string NumeratorEn, string DenominatorVi, string DenominatorEn, string ShortVi, string ShortEn)
{
    private static readonly KpiItems Generic = new("lượt đạt", "items that count", "lượt", "items", "lượt", "items");

    private static readonly Dictionary<string, KpiItems> ById = new(StringComparer.Ordinal)
    {
        ["dossier.onlineRate"] = new("hồ sơ trực tuyến", "online dossiers", "hồ sơ tiếp nhận", "dossiers received", "hồ sơ", "dossiers"),
        ["dossier.fullProcessOnlineRate"] = new("hồ sơ trực tuyến toàn trình", "full-process online dossiers", "hồ sơ tiếp nhận", "dossiers received", "hồ sơ", "dossiers"),
        ["dossier.digitalPlatformRate"] = new("hồ sơ xử lý trên nền tảng số", "dossiers on digital platforms", "hồ sơ tiếp nhận", "dossiers received", "hồ sơ", "dossiers"),
        ["dossier.onTimeRate"] = new("hồ sơ giải quyết đúng hạn", "dossiers completed on time", "hồ sơ giải quyết", "dossiers completed", "hồ sơ", "dossiers"),
        ["dossier.digitizedRate"] = new("kết quả được số hóa", "digitized results", "hồ sơ giải quyết", "dossiers completed", "kết quả", "results"),
        ["dossier.onlinePaymentRate"] = new("hồ sơ thanh toán trực tuyến", "dossiers paid online", "hồ sơ có phí", "dossiers with a fee", "hồ sơ", "dossiers"),
        ["hotline.answerRate"] = new("cuộc gọi được trả lời", "answered calls", "cuộc gọi đến", "calls offered", "cuộc gọi", "calls"),
        ["hotline.abandonmentRate"] = new("cuộc gọi bị bỏ", "abandoned calls", "cuộc gọi đến", "calls offered", "cuộc gọi", "calls"),
        ["hotline.serviceLevel"] = new("cuộc gọi trả lời trong 20 giây", "calls answered within 20 s", "cuộc gọi đến", "calls offered", "cuộc gọi", "calls"),
        ["hotline.ticketOnTimeRate"] = new("PAKN xử lý đúng hạn", "tickets resolved on time", "PAKN đã xử lý", "tickets resolved", "PAKN", "tickets"),
        ["satisfaction.rate"] = new("đánh giá hài lòng", "satisfied responses", "lượt đánh giá", "responses", "lượt đánh giá", "responses"),
        ["satisfaction.dossierRate"] = new("đánh giá hài lòng về hồ sơ", "satisfied dossier responses", "lượt đánh giá về hồ sơ", "dossier responses", "lượt đánh giá", "responses"),
        ["satisfaction.hotlineRate"] = new("đánh giá hài lòng về tổng đài", "satisfied hotline responses", "lượt đánh giá về tổng đài", "hotline responses", "lượt đánh giá", "responses"),
        ["document.digitalRate"] = new("văn bản xử lý trên môi trường số", "documents processed digitally", "văn bản đã xử lý", "documents processed", "văn bản", "documents"),
        ["document.signedRate"] = new("văn bản ký số", "documents signed digitally", "văn bản đã xử lý", "documents processed", "văn bản", "documents"),
    };

    /// <summary>The words of a KPI (a generic pair for a KPI not listed, so a sentence is never left without a noun).</summary>
    public static KpiItems Of(string kpiId) => ById.GetValueOrDefault(kpiId) ?? Generic;
}
