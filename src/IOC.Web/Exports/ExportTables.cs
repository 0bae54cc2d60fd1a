using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.History.Queries;
using IOC.Reports.Tables;

namespace IOC.Web.Exports;

/// <summary>
/// The tables of what the drill-down shows, in the words and conventions of the language asked for
/// (docs/exports.md): the rows the page shows, rates as percentages, times as dates in Hanoi time.
/// </summary>
public static class ExportTables
{
    public static ExportBook Series(HistorySeries series, ExportLanguage l)
    {
        var kind = Kind(series.Kpi.Kind);
        return new(
            $"lich-su-{series.Unit.Code}-{series.Kpi.Id}-{Day(series.From)}-{Day(series.To)}",
            [new ExportTable(l.Pick("Diễn biến", "Series"), [l.Pick("Thời điểm (UTC+7)", "Time (UTC+7)"), l.Pick("Giá trị", "Value"), l.Pick("Tử số", "Numerator"), l.Pick("Mẫu số", "Denominator")],
                series.Points.Select(p => new object?[] { p.Start, Value(kind, p.Value), Number(p.Numerator), p.Denominator }).ToList())],
            l);
    }

    /// <summary>The KPIs the page shows (<see cref="ShownGroups"/>), as its table says them: KPI (chỉ số), value, target (chỉ tiêu), status, previous period, change, city.</summary>
    public static ExportBook Summary(HistorySummary summary, ExportLanguage l) => new(
        $"chi-so-{summary.Unit.Code}-{Day(summary.From)}-{Day(summary.To)}",
        [new ExportTable(l.Pick("Chỉ số", "KPIs"),
            [
                l.Pick("Nhóm", "Group"), l.Pick("Mã chỉ số", "KPI id"), l.Pick("Chỉ số", "KPI"), l.Pick("Giá trị", "Value"), l.Pick("Tử số", "Numerator"),
                l.Pick("Mẫu số", "Denominator"), l.Pick("Chiều", "Direction"), l.Pick("Chỉ tiêu", "Target"), l.Pick("Đánh giá", "Status"),
                l.Pick("Kỳ trước", "Previous period"), l.Pick("Thay đổi (điểm % với tỷ lệ)", "Change (points for rates)"), l.Pick("Toàn thành phố", "City"),
            ],
            ShownGroups.Rows(Level(summary.Unit), summary.Kpis).Select(k =>
            {
                var kind = Kind(k.Kind);
                return new object?[]
                {
                    ExportWords.Group(k.Group, l), k.Id, l.Pick(k.NameVi, k.NameEn), Value(kind, k.Value.Value), Number(k.Value.Numerator), k.Value.Denominator,
                    k.Target is { } t ? ExportWords.Direction(t.Direction) : null, k.Target is { } target ? Value(kind, target.Value) : null,
                    ExportWords.Status(k.Status, k.Target is not null, l), Value(kind, k.Previous?.Value), Change(kind, k.Change), Value(kind, k.City?.Value),
                };
            }).ToList())],
        l);

    public static ExportBook Dossiers(DossierBreakdown breakdown, ExportLanguage l)
    {
        var rows = breakdown.ByProcedure.Select(p => new object?[]
        {
            p.IsUnknown ? l.Pick("Không rõ thủ tục", "Procedure not known") : p.Procedure, p.Name, NameSource(p.NameSource, l),
            p.Received, p.Online, p.InPerson, p.Postal, p.Completed, p.CompletedLate, Percent.Of(p.OnTimeRate),
        }).ToList();
        var completed = breakdown.ByProcedure.Sum(p => p.Completed);
        var late = breakdown.ByProcedure.Sum(p => p.CompletedLate);
        rows.Add(
        [
            l.Pick("Tổng cộng", "Total"), null, null, breakdown.Received, breakdown.ByProcedure.Sum(p => p.Online), breakdown.ByProcedure.Sum(p => p.InPerson),
            breakdown.ByProcedure.Sum(p => p.Postal), completed, late, completed == 0 ? null : new Percent(Math.Round(100.0 * (completed - late) / completed, 2)),
        ]);
        return new ExportBook(
            $"ho-so-{breakdown.Unit.Code}-{Day(breakdown.From)}-{Day(breakdown.To)}",
            [
                new ExportTable(l.Pick("Theo thủ tục", "By procedure"),
                    [
                        l.Pick("Thủ tục", "Procedure"), l.Pick("Tên thủ tục", "Procedure name"), l.Pick("Nguồn tên thủ tục", "Name from"),
                        l.Pick("Tiếp nhận", "Received"), l.Pick("Trực tuyến", "Online"), l.Pick("Trực tiếp", "In person"),
                        l.Pick("Bưu chính", "Postal"), l.Pick("Đã giải quyết", "Completed"), l.Pick("Giải quyết quá hạn", "Completed late"), l.Pick("Tỷ lệ đúng hạn", "On-time rate"),
                    ],
                    rows),
                new ExportTable(l.Pick("Theo kênh", "By channel"), [l.Pick("Kênh tiếp nhận", "Intake channel"), l.Pick("Tiếp nhận", "Received"), l.Pick("Tỷ lệ", "Share")],
                    breakdown.ByChannel.Select(c => new object?[] { ExportWords.Channel(c.Channel, l), c.Received, Percent.Of(c.Share) }).ToList()),
            ],
            l);
    }

    public static ExportBook OpenDossiers(OpenDossierList list, ExportLanguage l) => new(
        $"ho-so-qua-han-{list.Unit.Code}-{Day(list.AsOf)}",
        [new ExportTable(l.Pick("Hồ sơ quá hạn, sắp đến hạn", "Overdue and due soon"),
            [
                l.Pick("Mã hồ sơ", "Dossier"), l.Pick("Thủ tục", "Procedure"), l.Pick("Kênh tiếp nhận", "Intake channel"), l.Pick("Ngày tiếp nhận", "Received"),
                l.Pick("Hạn xử lý", "Due"), l.Pick("Số ngày quá hạn", "Days late"), l.Pick("Tình trạng", "Status"),
            ],
            list.Items.Select(i => new object?[]
            {
                i.Id, i.Procedure, ExportWords.Channel(i.Channel, l), i.Received, i.Due, (long)i.DaysLate, ExportWords.OpenStatus(i.Status, l),
            }).ToList())],
        l);

    /// <summary>A producer's name is how its one-stop system calls the procedure, not the official catalogue's.</summary>
    private static string? NameSource(string? source, ExportLanguage l) => source switch
    {
        "catalogue" => l.Pick("Danh mục chính thức (procedure-names.csv)", "Official catalogue (procedure-names.csv)"),
        "producer" => l.Pick("Hệ thống một cửa gửi đến", "Sent by the one-stop system"),
        _ => null,
    };

    private static KpiKind Kind(string kind) => Enum.Parse<KpiKind>(kind);

    private static UnitLevel Level(UnitRef unit) => UnitLevelNames.TryParse(unit.Level, out var level)
        ? level
        : throw new ArgumentException($"Unit {unit.Code} has no known level ('{unit.Level}').", nameof(unit));

    /// <summary>A KPI's figure as a cell of its kind: a rate as a percentage, a count whole, an average as a number.</summary>
    private static object? Value(KpiKind kind, double? value) => (kind, value) switch
    {
        (_, null) => null,
        (KpiKind.Rate, { } v) => new Percent(v),
        (KpiKind.Count or KpiKind.Gauge, { } v) => (long)Math.Round(v),
        (_, { } v) => v,
    };

    /// <summary>
    /// A change on the previous period: in percentage points for a rate, as a plain number, as the page says it ("Tăng
    /// 2,5 điểm %"); a percentage cell would read as a relative change.
    /// </summary>
    private static object? Change(KpiKind kind, double? change) => kind == KpiKind.Rate ? change : Value(kind, change);

    /// <summary>A numerator: whole for counted items, with decimals for summed seconds.</summary>
    private static object? Number(double? value) => value is { } v ? v == Math.Floor(v) ? (long)v : v : null;

    private static string Day(DateTimeOffset at) => IOC.Domain.Time.VietnamTime.ToLocal(at).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
}
