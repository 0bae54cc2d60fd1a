using IOC.Reports.Tables;

namespace IOC.Web.Exports;

/// <summary>
/// The words the drill-down exports write in place of the API's codes, as the ward and agency pages say them:
/// KPI groups, statuses, intake channels ("Trực tuyến", never "online") and the state of an open dossier.
/// </summary>
public static class ExportWords
{
    public static string Group(string group, ExportLanguage language) => group switch
    {
        "document" => language.Pick("Văn bản, hồ sơ công việc", "Documents and work files"),
        "dossier" => language.Pick("Hồ sơ thủ tục hành chính", "Administrative dossiers"),
        "hotline" => language.Pick("Tổng đài 1022", "Hotline 1022"),
        "satisfaction" => language.Pick("Mức độ hài lòng", "Satisfaction"),
        _ => group,
    };

    /// <summary>The status as the page's badge says it; "none" is no data when there is a target, no target otherwise.</summary>
    public static string Status(string status, bool hasTarget, ExportLanguage language) => status switch
    {
        "met" => language.Pick("Đạt", "Met"),
        "near" => language.Pick("Gần đạt", "Near"),
        "missed" => language.Pick("Chưa đạt", "Missed"),
        _ when hasTarget => language.Pick("Chưa có dữ liệu", "No data"),
        _ => language.Pick("Không có chỉ tiêu", "No target"),
    };

    public static string Channel(string channel, ExportLanguage language) => channel switch
    {
        "online" => language.Pick("Trực tuyến", "Online"),
        "in_person" => language.Pick("Trực tiếp", "In person"),
        "postal" => language.Pick("Bưu chính", "Postal"),
        _ => channel,
    };

    public static string OpenStatus(string status, ExportLanguage language) => status == "overdue"
        ? language.Pick("Quá hạn", "Overdue")
        : language.Pick("Sắp đến hạn", "Due soon");

    /// <summary>"≥" or "≤", as the pages write a target's direction.</summary>
    public static string Direction(string direction) => direction == "<=" ? "≤" : "≥";
}
