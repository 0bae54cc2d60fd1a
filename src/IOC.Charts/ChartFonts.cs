using ScottPlot;
using SkiaSharp;

namespace IOC.Charts;

/// <summary>
/// The one font every chart names: DejaVu Sans (Debian's fonts-dejavu-core), which has every Vietnamese letter,
/// stacked diacritics included. Skia sees only installed fonts and would silently fall back to another (ScottPlot's
/// own default is a serif), so the font is set on each plot and its presence can be checked at start.
/// </summary>
public static class ChartFonts
{
    public const string Family = "DejaVu Sans";

    /// <summary>Debian's package that installs <see cref="Family"/>.</summary>
    public const string Package = "fonts-dejavu-core";

    private static readonly Lazy<bool> Installed = new(() =>
    {
        using var typeface = SKFontManager.Default.MatchFamily(Family);
        return typeface is not null && typeface.FamilyName == Family;
    });

    /// <summary>True when the system has <see cref="Family"/>; false means charts fall back to another font.</summary>
    public static bool IsInstalled => Installed.Value;

    /// <summary>Names the font on every part of the plot (title, axes, ticks, legend, annotations added later).</summary>
    internal static void Apply(Plot plot) => plot.Font.Set(Family);
}
