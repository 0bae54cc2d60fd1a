namespace IOC.Review.Psi;

/// <summary>The groups' names on the wire and in seed-data/psi-manual.csv.</summary>
public static class PsiGroupNames
{
    private static readonly string[] Wire = ["transparency", "progress", "digitization", "online_services", "satisfaction"];

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
