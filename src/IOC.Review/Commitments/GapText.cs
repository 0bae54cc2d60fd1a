using System.Globalization;
using IOC.Domain.Targets;

namespace IOC.Review.Commitments;

/// <summary>The gap in words a reviewer reads: "cần thêm 37 hồ sơ trực tuyến toàn trình để đạt 100%".</summary>
public static class GapText
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    public static string Vietnamese(CommitmentResult result)
    {
        var c = result.Commitment;
        var target = Target(c, Vi);
        return result.Gap switch
        {
            { Items: null } => "Chưa có dữ liệu trong kỳ",
            { Met: true } => $"Đạt cam kết {target}",
            { Items: { } n } when c.Direction == TargetDirection.AtLeast => $"Cần thêm {n.ToString("N0", Vi)} {c.ItemVi} để đạt {target}",
            { Items: { } n } => $"Cần giảm {n.ToString("N0", Vi)} {c.ItemVi} để đạt {target}",
        };
    }

    public static string English(CommitmentResult result)
    {
        var c = result.Commitment;
        var target = Target(c, En);
        return result.Gap switch
        {
            { Items: null } => "No data in this period",
            { Met: true } => $"Commitment met ({target})",
            { Items: { } n } when c.Direction == TargetDirection.AtLeast => $"{n.ToString("N0", En)} more {c.ItemEn} needed to reach {target}",
            { Items: { } n } => $"{n.ToString("N0", En)} fewer {c.ItemEn} needed to reach {target}",
        };
    }

    private static string Target(Commitment c, CultureInfo culture) =>
        (c.Direction == TargetDirection.AtMost ? "≤ " : "") + c.Value.ToString("0.#", culture) + "%";
}
