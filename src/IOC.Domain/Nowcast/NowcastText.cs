using System.Globalization;
using IOC.Domain.Kpis;
using IOC.Domain.Targets;

namespace IOC.Domain.Nowcast;

/// <summary>
/// A nowcast in plain words, in Vietnamese and English: where the period will end, and what it takes —
/// "Cần thêm 37 hồ sơ trực tuyến toàn trình (khoảng 2 hồ sơ mỗi ngày làm việc) để đạt 20% trong tháng 12".
/// </summary>
public static class NowcastText
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>"Dự báo cuối tháng 12: 18,6% (chỉ tiêu ≥ 20%): có nguy cơ không đạt."</summary>
    public static string ProjectionVi(NowcastResult r) => r.Status switch
    {
        NowcastStatus.Insufficient => $"Chưa đủ số liệu để dự báo cuối {r.Period.LabelVi} (cần ít nhất {Nowcaster.MinimumDays} ngày có số liệu).",
        _ => $"Dự báo cuối {r.Period.LabelVi}: {Percent(r.Projected!.Value, Vi)} (chỉ tiêu {Target(r, Vi)}): {StatusVi(r.Status)}.",
    };

    public static string ProjectionEn(NowcastResult r) => r.Status switch
    {
        NowcastStatus.Insufficient => $"Not enough figures to project the end of {r.Period.LabelEn} (at least {Nowcaster.MinimumDays} days with figures are needed).",
        _ => $"Projected for the end of {r.Period.LabelEn}: {Percent(r.Projected!.Value, En)} (target {Target(r, En)}): {StatusEn(r.Status)}.",
    };

    /// <summary>What it takes, in Vietnamese; empty when there is no projection.</summary>
    public static string NeededVi(NowcastResult r, string kpiId)
    {
        var items = KpiItems.Of(kpiId);
        var target = Target(r, Vi);
        var atLeast = r.Direction == TargetDirection.AtLeast;
        return (r.Status, r.Needed) switch
        {
            (NowcastStatus.Insufficient, _) => "",
            (NowcastStatus.Unreachable, _) when atLeast =>
                $"Không còn đạt được {target} trong {r.Period.LabelVi}: cao nhất có thể là {Percent(r.Best!.Value, Vi)} nếu mọi {items.DenominatorVi} còn lại đều đạt.",
            (NowcastStatus.Unreachable, _) =>
                $"Không còn giữ được {target} trong {r.Period.LabelVi}: thấp nhất có thể là {Percent(r.Best!.Value, Vi)}.",
            (_, 0) when atLeast => $"Không cần thêm {items.NumeratorVi}: đã đủ để đạt {target} trong {r.Period.LabelVi}.",
            (_, { } n) when atLeast =>
                $"Cần thêm {Count(n, Vi)} {items.NumeratorVi} ({PaceVi(r, items)}) để đạt {target} trong {r.Period.LabelVi}.",
            (_, { } n) => $"Chỉ được thêm tối đa {Count(n, Vi)} {items.NumeratorVi} ({PaceVi(r, items)}) để giữ {target} trong {r.Period.LabelVi}.",
            _ => "",
        };
    }

    public static string NeededEn(NowcastResult r, string kpiId)
    {
        var items = KpiItems.Of(kpiId);
        var target = Target(r, En);
        var atLeast = r.Direction == TargetDirection.AtLeast;
        return (r.Status, r.Needed) switch
        {
            (NowcastStatus.Insufficient, _) => "",
            (NowcastStatus.Unreachable, _) when atLeast =>
                $"{target} can no longer be reached in {r.Period.LabelEn}: at best {Percent(r.Best!.Value, En)} if every remaining one of the {items.DenominatorEn} counts.",
            (NowcastStatus.Unreachable, _) => $"{target} can no longer be kept in {r.Period.LabelEn}: at best {Percent(r.Best!.Value, En)}.",
            (_, 0) when atLeast => $"No more {items.NumeratorEn} needed: {target} is reached in {r.Period.LabelEn} already.",
            (_, { } n) when atLeast => $"{Count(n, En)} more {items.NumeratorEn} needed ({PaceEn(r, items)}) to reach {target} in {r.Period.LabelEn}.",
            (_, { } n) => $"At most {Count(n, En)} more {items.NumeratorEn} ({PaceEn(r, items)}) to keep {target} in {r.Period.LabelEn}.",
            _ => "",
        };
    }

    /// <summary>"khoảng 2 hồ sơ mỗi ngày làm việc", or for less than one a day "khoảng 1 hồ sơ mỗi 5 ngày làm việc".</summary>
    private static string PaceVi(NowcastResult r, KpiItems items) => r.PerWorkingDay switch
    {
        null or 0 => "không còn ngày làm việc nào",
        double d when d >= 0.95 => $"khoảng {Count((long)Math.Round(d, MidpointRounding.AwayFromZero), Vi)} {items.ShortVi} mỗi ngày làm việc",
        double d => $"khoảng 1 {items.ShortVi} mỗi {Count((long)Math.Round(1 / d), Vi)} ngày làm việc",
    };

    private static string PaceEn(NowcastResult r, KpiItems items) => r.PerWorkingDay switch
    {
        null or 0 => "no working day left",
        double d when d >= 0.95 => $"about {Count((long)Math.Round(d, MidpointRounding.AwayFromZero), En)} {items.ShortEn} per working day",
        double d => $"about 1 of the {items.ShortEn} every {Count((long)Math.Round(1 / d), En)} working days",
    };

    private static string StatusVi(NowcastStatus status) => status switch
    {
        NowcastStatus.OnTrack => "dự kiến đạt",
        NowcastStatus.AtRisk => "có nguy cơ không đạt",
        _ => "không còn đạt được",
    };

    private static string StatusEn(NowcastStatus status) => status switch
    {
        NowcastStatus.OnTrack => "on track",
        NowcastStatus.AtRisk => "at risk of missing",
        _ => "can no longer be met",
    };

    private static string Target(NowcastResult r, CultureInfo culture) =>
        (r.Direction == TargetDirection.AtMost ? "≤ " : "") + Percent(r.Target, culture);

    /// <summary>One decimal, except whole numbers ("20%", "82,4%"), as the pages show rates.</summary>
    public static string Percent(double value, CultureInfo culture) =>
        (Math.Round(value, 1) % 1 == 0 ? Math.Round(value, 1).ToString("N0", culture) : value.ToString("N1", culture)) + "%";

    private static string Count(long value, CultureInfo culture) => value.ToString("N0", culture);
}
