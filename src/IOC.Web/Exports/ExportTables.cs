using IOC.History.Queries;
using IOC.Reports.Tables;

namespace IOC.Web.Exports;

/// <summary>The tables of what the drill-down shows, with Vietnamese headers.</summary>
public static class ExportTables
{
    public static ExportBook Series(HistorySeries series) => new(
        $"lich-su-{series.Unit.Code}-{series.Kpi.Id}-{Day(series.From)}-{Day(series.To)}",
        [new ExportTable("Diễn biến", ["Thời điểm", "Giá trị", "Tử số", "Mẫu số"],
            series.Points.Select(p => new object?[] { p.Start, p.Value, p.Numerator, p.Denominator }).ToList())]);

    public static ExportBook Summary(HistorySummary summary) => new(
        $"chi-tieu-{summary.Unit.Code}-{Day(summary.From)}-{Day(summary.To)}",
        [new ExportTable("Chỉ tiêu",
            ["Mã chỉ tiêu", "Chỉ tiêu", "Nhóm", "Giá trị", "Tử số", "Mẫu số", "Chỉ tiêu phấn đấu", "Đánh giá", "Kỳ trước", "Thay đổi", "Toàn thành phố"],
            summary.Kpis.Select(k => new object?[]
            {
                k.Id, k.NameVi, k.Group, k.Value.Value, k.Value.Numerator, k.Value.Denominator,
                k.Target is { } t ? $"{t.Direction} {t.Value:0.##}" : null, Status(k.Status),
                k.Previous?.Value, k.Change, k.City?.Value,
            }).ToList())]);

    public static ExportBook Dossiers(DossierBreakdown breakdown)
    {
        var rows = breakdown.ByProcedure.Select(p => new object?[]
        {
            p.IsUnknown ? "Không rõ thủ tục" : p.Procedure, p.Name, NameSource(p.NameSource),
            p.Received, p.Online, p.InPerson, p.Postal, p.Completed, p.CompletedLate, p.OnTimeRate,
        }).ToList();
        var completed = breakdown.ByProcedure.Sum(p => p.Completed);
        var late = breakdown.ByProcedure.Sum(p => p.CompletedLate);
        rows.Add(
        [
            "Tổng cộng", null, null, breakdown.Received, breakdown.ByProcedure.Sum(p => p.Online), breakdown.ByProcedure.Sum(p => p.InPerson),
            breakdown.ByProcedure.Sum(p => p.Postal), completed, late, completed == 0 ? null : Math.Round(100.0 * (completed - late) / completed, 2),
        ]);
        return new ExportBook(
            $"ho-so-{breakdown.Unit.Code}-{Day(breakdown.From)}-{Day(breakdown.To)}",
            [
                new ExportTable("Theo thủ tục", ["Thủ tục", "Tên thủ tục", "Nguồn tên thủ tục", "Tiếp nhận", "Trực tuyến", "Trực tiếp", "Bưu chính", "Đã giải quyết", "Giải quyết quá hạn", "Tỷ lệ đúng hạn (%)"], rows),
                new ExportTable("Theo kênh", ["Kênh tiếp nhận", "Tiếp nhận", "Tỷ lệ (%)"],
                    breakdown.ByChannel.Select(c => new object?[] { c.NameVi, c.Received, c.Share }).ToList()),
            ]);
    }

    public static ExportBook OpenDossiers(OpenDossierList list) => new(
        $"ho-so-qua-han-{list.Unit.Code}-{Day(list.AsOf)}",
        [new ExportTable("Hồ sơ quá hạn, sắp đến hạn",
            ["Mã hồ sơ", "Thủ tục", "Kênh tiếp nhận", "Ngày tiếp nhận", "Hạn xử lý", "Số ngày quá hạn", "Tình trạng"],
            list.Items.Select(i => new object?[]
            {
                i.Id, i.Procedure, i.Channel, i.Received, i.Due, (long)i.DaysLate, i.Status == "overdue" ? "Quá hạn" : "Sắp đến hạn",
            }).ToList())]);

    /// <summary>A producer's name is how its one-stop system calls the procedure, not the official catalogue's.</summary>
    private static string? NameSource(string? source) => source switch
    {
        "catalogue" => "Danh mục chính thức (procedure-names.csv)",
        "producer" => "Hệ thống một cửa gửi đến",
        _ => null,
    };

    private static string Status(string status) => status switch
    {
        "met" => "Đạt",
        "near" => "Gần đạt",
        "missed" => "Chưa đạt",
        _ => "",
    };

    private static string Day(DateTimeOffset at) => IOC.Domain.Time.VietnamTime.ToLocal(at).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
}
