namespace IOC.Review.Psi;

/// <summary>The groups' and bands' names: on the wire (and in seed-data/psi-manual.csv), in Vietnamese and in English.</summary>
public static class PsiGroupNames
{
    private static readonly string[] Wire = ["transparency", "progress", "digitization", "online_services", "satisfaction"];

    private static readonly string[] Vi = ["Công khai, minh bạch", "Tiến độ, kết quả giải quyết", "Số hóa hồ sơ", "Cung cấp dịch vụ trực tuyến", "Mức độ hài lòng"];

    private static readonly string[] En = ["Transparency", "Progress and results", "Digitization", "Online services", "Satisfaction"];

    public static string NameVi(this PsiGroup group) => Vi[(int)group];

    public static string NameEn(this PsiGroup group) => En[(int)group];

    /// <summary>"Xuất sắc", "Trung bình–khá", "Yếu"; "Chưa đo" when nothing was measured.</summary>
    public static string NameVi(this PsiBand? band) => band switch
    {
        PsiBand.Excellent => "Xuất sắc",
        PsiBand.Middle => "Trung bình–khá",
        PsiBand.Weak => "Yếu",
        _ => "Chưa đo",
    };

    public static string NameEn(this PsiBand? band) => band switch
    {
        PsiBand.Excellent => "Excellent",
        PsiBand.Middle => "Middle",
        PsiBand.Weak => "Weak",
        _ => "Not measured",
    };

    public static string ToWire(this PsiGroup group) => Wire[(int)group];

    public static bool TryParse(string text, out PsiGroup group)
    {
        var index = Array.IndexOf(Wire, text);
        group = index < 0 ? default : (PsiGroup)index;
        return index >= 0;
    }

    public static string ToWire(this PsiSource source) => source switch
    {
        PsiSource.Feeds => "feeds",
        PsiSource.Manual => "manual",
        _ => "not_measured",
    };

    public static string? ToWire(this PsiBand? band) => band switch
    {
        PsiBand.Excellent => "excellent",
        PsiBand.Middle => "middle",
        PsiBand.Weak => "weak",
        _ => null,
    };
}
