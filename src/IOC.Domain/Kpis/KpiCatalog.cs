using static IOC.Domain.Kpis.Counter;

namespace IOC.Domain.Kpis;

/// <summary>Every KPI the product computes. Formulas and sources are documented in docs/kpis.md.</summary>
public static class KpiCatalog
{
    public static readonly IReadOnlyList<KpiDefinition> All =
    [
        Count("dossier.received", "dossier", "Hồ sơ tiếp nhận", "Dossiers received", DossiersReceived),
        Rate("dossier.onlineRate", "dossier", "Tỷ lệ hồ sơ trực tuyến", "Online dossier rate", DossiersReceived, DossiersReceivedOnline),
        Rate("dossier.fullProcessOnlineRate", "dossier", "Tỷ lệ hồ sơ trực tuyến toàn trình", "Full-process online rate", DossiersReceived, DossiersReceivedFullProcess),
        Rate("dossier.digitalPlatformRate", "dossier", "Tỷ lệ xử lý trên nền tảng số", "Processed on digital platforms", DossiersReceived, DossiersReceivedOnDigitalPlatform),
        Count("dossier.completed", "dossier", "Hồ sơ đã giải quyết", "Dossiers completed", DossiersCompleted),
        Rate("dossier.onTimeRate", "dossier", "Tỷ lệ giải quyết đúng hạn", "On-time completion rate", DossiersCompleted, DossiersCompletedEarly, DossiersCompletedOnTime),
        Count("dossier.completedEarly", "dossier", "Giải quyết trước hạn", "Completed early", DossiersCompletedEarly),
        Count("dossier.completedOnTime", "dossier", "Giải quyết đúng hạn", "Completed on time", DossiersCompletedOnTime),
        Count("dossier.completedLate", "dossier", "Giải quyết quá hạn", "Completed late", DossiersCompletedLate),
        Gauge("dossier.overduePending", "dossier", "Hồ sơ quá hạn chưa giải quyết", "Overdue pending dossiers", g => g.OverdueDossiers),
        Gauge("dossier.dueSoon", "dossier", "Hồ sơ sắp đến hạn (24 giờ)", "Dossiers due within 24 h", g => g.DueSoonDossiers),
        Gauge("dossier.openPending", "dossier", "Hồ sơ đang giải quyết", "Open dossiers", g => g.OpenDossiers),
        Rate("dossier.digitizedRate", "dossier", "Tỷ lệ số hóa kết quả", "Digitized results rate", DossiersCompleted, DossiersCompletedDigitized),
        Rate("dossier.onlinePaymentRate", "dossier", "Tỷ lệ thanh toán trực tuyến", "Online payment rate", DossiersCompletedWithFee, DossiersCompletedPaidOnline),
        Count("hotline.offered", "hotline", "Cuộc gọi đến (trừ bỏ máy dưới 5 giây)", "Calls offered (excl. abandoned < 5 s)", CallsOffered),
        Rate("hotline.answerRate", "hotline", "Tỷ lệ cuộc gọi được trả lời", "Answer rate", CallsOffered, CallsAnswered),
        Rate("hotline.abandonmentRate", "hotline", "Tỷ lệ cuộc gọi bị bỏ", "Abandonment rate", CallsOffered, CallsAbandoned),
        Rate("hotline.serviceLevel", "hotline", "Mức phục vụ (trả lời trong 20 giây)", "Service level (answered within 20 s)", CallsOffered, CallsAnsweredWithinThreshold),
        Average("hotline.avgSpeedOfAnswerSeconds", "hotline", "Thời gian chờ trung bình (giây)", "Average speed of answer (s)", CallsAnswered, AnsweredWaitMillis),
        Average("hotline.avgHandleSeconds", "hotline", "Thời gian xử lý trung bình (giây)", "Average handle time (s)", CallsAnswered, HandleMillis),
        Rate("hotline.ticketOnTimeRate", "hotline", "Tỷ lệ PAKN xử lý đúng hạn", "Feedback tickets resolved on time", TicketsResolved, TicketsResolvedOnTime),
        Gauge("hotline.openOverdueTickets", "hotline", "PAKN quá hạn chưa xử lý", "Open overdue tickets", g => g.OverdueTickets),
        Gauge("hotline.openTickets", "hotline", "PAKN đang xử lý", "Open tickets", g => g.OpenTickets),
        Rate("satisfaction.rate", "satisfaction", "Tỷ lệ hài lòng", "Satisfaction rate", SurveyResponses, SurveySatisfied),
        Count("satisfaction.responses", "satisfaction", "Lượt đánh giá", "Survey responses", SurveyResponses),
        Rate("satisfaction.dossierRate", "satisfaction", "Hài lòng về giải quyết hồ sơ", "Satisfaction with dossier handling", DossierSurveyResponses, DossierSurveySatisfied),
        Rate("satisfaction.hotlineRate", "satisfaction", "Hài lòng về tổng đài", "Satisfaction with the hotline", HotlineSurveyResponses, HotlineSurveySatisfied),
        Count("document.processed", "document", "Văn bản, hồ sơ công việc đã xử lý", "Documents processed", DocumentsProcessed),
        Rate("document.digitalRate", "document", "Tỷ lệ văn bản xử lý trên môi trường số", "Documents processed digitally", DocumentsProcessed, DocumentsDigital),
        Rate("document.signedRate", "document", "Tỷ lệ văn bản ký số", "Documents signed digitally", DocumentsProcessed, DocumentsSignedDigitally),
    ];

    private static readonly Dictionary<string, KpiDefinition> ById = All.ToDictionary(k => k.Id, StringComparer.Ordinal);

    public static bool TryGet(string id, out KpiDefinition kpi) => ById.TryGetValue(id, out kpi!);

    public static KpiDefinition Get(string id) =>
        ById.TryGetValue(id, out var kpi) ? kpi : throw new KeyNotFoundException($"Unknown KPI '{id}'.");

    private static KpiDefinition Rate(string id, string group, string vi, string en, Counter denominator, params Counter[] numerator) =>
        new() { Id = id, Group = group, Kind = KpiKind.Rate, NameVi = vi, NameEn = en, Numerator = numerator, Denominator = denominator };

    private static KpiDefinition Count(string id, string group, string vi, string en, Counter counter) =>
        new() { Id = id, Group = group, Kind = KpiKind.Count, NameVi = vi, NameEn = en, Numerator = [counter] };

    private static KpiDefinition Average(string id, string group, string vi, string en, Counter count, Counter sumMillis) =>
        new() { Id = id, Group = group, Kind = KpiKind.AverageSeconds, NameVi = vi, NameEn = en, Numerator = [sumMillis], Denominator = count };

    private static KpiDefinition Gauge(string id, string group, string vi, string en, Func<Gauges, long> gauge) =>
        new() { Id = id, Group = group, Kind = KpiKind.Gauge, NameVi = vi, NameEn = en, Gauge = gauge };
}
