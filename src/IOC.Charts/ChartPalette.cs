using ScottPlot;

namespace IOC.Charts;

/// <summary>The pages' colours: lines in the wallboard's blue first, the target dashed in the "met" green, statuses.</summary>
internal static class ChartPalette
{
    public static readonly Color[] Lines = [Color.FromHex("#0b5cab"), Color.FromHex("#8e24aa"), Color.FromHex("#00897b"), Color.FromHex("#ef6c00")];

    public static readonly Color Target = Color.FromHex("#2e7d32");

    public static readonly Color Grid = Color.FromHex("#e0e0e0");

    public static readonly Color Ink = Color.FromHex("#212121");

    public static readonly Color Muted = Color.FromHex("#616161");

    public static Color Status(string status) => status switch
    {
        "met" => Color.FromHex("#2e7d32"),
        "near" => Color.FromHex("#b26a00"),
        "missed" => Color.FromHex("#c62828"),
        _ => Color.FromHex("#9e9e9e"),
    };
}
