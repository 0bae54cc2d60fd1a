namespace IOC.Dashboards.Localization;

/// <summary>Every UI text in both languages. Missing keys show as [key] so they are seen, not hidden.</summary>
internal static class Strings
{
    private static readonly Dictionary<string, (string Vi, string En)> Texts = new(StringComparer.Ordinal)
    {
        ["app.title"] = ("Trung tâm điều hành thông minh", "Smart Operations Centre"),
        ["app.city"] = ("Thành phố Hà Nội", "Hanoi"),
        ["lang.switch"] = ("English", "Tiếng Việt"),
        ["lang.switch.label"] = ("Chuyển sang tiếng Anh", "Switch to Vietnamese"),
        ["kiosk.enter"] = ("Chế độ trình chiếu", "Kiosk mode"),
        ["kiosk.enter.label"] = ("Mở chế độ trình chiếu toàn màn hình", "Open full-screen kiosk mode"),
        ["kiosk.fullscreen"] = ("Toàn màn hình", "Full screen"),
        ["kiosk.exit"] = ("Thoát trình chiếu", "Leave kiosk mode"),
        ["kiosk.view"] = ("Màn hình {0}/{1}: {2}", "View {0} of {1}: {2}"),
        ["view.city"] = ("Toàn thành phố", "City"),
        ["view.wards"] = ("Phường, xã cần chú ý", "Wards needing attention"),
        ["view.agencies"] = ("Các cơ quan", "Agencies"),
        ["view.hotline"] = ("Tổng đài 1022", "Hotline 1022"),
        ["status.met"] = ("Đạt", "Met"),
        ["status.near"] = ("Gần đạt", "Near"),
        ["status.missed"] = ("Chưa đạt", "Missed"),
        ["status.none"] = ("Chưa có dữ liệu", "No data"),
        ["status.notarget"] = ("Không có chỉ tiêu", "No target"),
        ["tile.target"] = ("Chỉ tiêu {0}", "Target {0}"),
        ["tile.of"] = ("{0} / {1}", "{0} of {1}"),
        ["tile.trend"] = ("Diễn biến hôm nay", "Today so far"),
        ["tile.today"] = ("Hôm nay", "Today"),
        ["action.title"] = ("Cần xử lý ngay", "Needs action now"),
        ["action.overdueDossiers"] = ("Hồ sơ quá hạn", "Overdue dossiers"),
        ["action.dueSoon"] = ("Hồ sơ đến hạn trong 24 giờ", "Dossiers due within 24 h"),
        ["action.overdueTickets"] = ("PAKN quá hạn", "Overdue feedback tickets"),
        ["action.none"] = ("Không có", "None"),
        ["wards.title"] = ("10 phường, xã thấp nhất theo", "Bottom 10 wards by"),
        ["wards.choose"] = ("Chọn chỉ số xếp hạng", "Choose the ranking KPI"),
        ["wards.rank"] = ("Hạng", "Rank"),
        ["wards.name"] = ("Phường, xã", "Ward"),
        ["wards.value"] = ("Giá trị", "Value"),
        ["wards.volume"] = ("Số lượng", "Volume"),
        ["wards.status"] = ("Đánh giá", "Status"),
        ["wards.nodata"] = ("{0} phường, xã chưa có dữ liệu cho chỉ số này hôm nay", "{0} wards have no data for this KPI today"),
        ["wards.empty"] = ("Chưa có phường, xã nào có dữ liệu cho chỉ số này hôm nay.", "No ward has data for this KPI today yet."),
        ["wards.open"] = ("Xem chi tiết {0}", "Open {0}"),
        ["agencies.title"] = ("Các cơ quan thực hiện giao ước thi đua", "Agencies of the competition agreement"),
        ["hotline.title"] = ("Cuộc gọi đến theo 5 phút, hôm nay", "Calls offered per five minutes, today"),
        ["hotline.note"] = ("Cuộc gọi bỏ máy trong 5 giây đầu không tính vào cuộc gọi đến.", "Calls abandoned within 5 seconds are not counted as offered."),
        ["hotline.calls"] = ("Cuộc gọi", "Calls"),
        ["fresh.ago"] = ("Cập nhật {0} giây trước", "Updated {0} s ago"),
        ["fresh.asof"] = ("Số liệu lúc {0}", "Figures as of {0}"),
        ["fresh.waiting"] = ("Đang chờ số liệu…", "Waiting for figures…"),
        ["fresh.stale"] = ("Số liệu không được cập nhật {0} giây — đang kiểm tra kết nối tới máy chủ.", "No update for {0} s — checking the connection to the server."),
        ["reconnect.lost"] = ("Mất kết nối tới máy chủ. Màn hình sẽ tự kết nối lại, không cần thao tác.", "Lost the connection to the server. The screen reconnects by itself; nothing to do."),
        ["reconnect.attempt"] = ("Đang thử kết nối lại…", "Trying to reconnect…"),
        ["reconnect.reload"] = ("Máy chủ đã sẵn sàng trở lại — đang tải lại màn hình…", "The server is back — reloading the screen…"),
        ["reconnect.waiting"] = ("Máy chủ chưa phản hồi — sẽ thử lại sau vài giây.", "The server is not answering yet — trying again in a few seconds."),
    };

    public static string Get(string key, bool english) =>
        Texts.TryGetValue(key, out var text) ? english ? text.En : text.Vi : $"[{key}]";

    public static IEnumerable<string> Keys => Texts.Keys;

    public static bool HasBoth(string key) =>
        Texts.TryGetValue(key, out var text) && text.Vi.Length > 0 && text.En.Length > 0;
}
