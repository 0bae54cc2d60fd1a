using IOC.Access.Audit;
using IOC.Reports.Tables;

namespace IOC.Web.Exports;

/// <summary>The audit log as a table to download (CSV or Excel, docs/exports.md's conventions: text is never a formula).</summary>
public static class AuditExport
{
    public static ExportBook Book(IReadOnlyList<AuditLine> lines, ExportLanguage l) => new(
        $"nhat-ky-truy-cap-{DateTime.UtcNow:yyyy-MM-dd}",
        [new ExportTable(l.Pick("Nhật ký", "Audit log"),
            [
                l.Pick("Số", "No."), l.Pick("Thời điểm (UTC+7)", "Time (UTC+7)"), l.Pick("Người thực hiện", "Who"), l.Pick("Địa chỉ", "From"),
                l.Pick("Hành động", "Action"), l.Pick("Đối tượng", "What"), l.Pick("Chi tiết", "Detail"), l.Pick("Kết quả", "Outcome"),
            ],
            lines.Select(a => new object?[]
            {
                a.Id, a.At, a.Actor, a.Address, a.Action, a.Target, a.Detail, a.Succeeded ? l.Pick("Thành công", "Succeeded") : l.Pick("Không thành công", "Failed"),
            }).ToList())],
        l);
}
