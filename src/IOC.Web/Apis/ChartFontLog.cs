using IOC.Charts;

namespace IOC.Web.Apis;

/// <summary>Says at start when the charts' font is missing: Skia would silently draw them in another one.</summary>
internal static partial class ChartFontLog
{
    public static void WarnIfMissing(ILogger logger)
    {
        if (!ChartFonts.IsInstalled)
        {
            FontMissing(logger, ChartFonts.Family, ChartFonts.Package);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The charts' font {Font} is not installed: charts and briefings fall back to another font (sudo apt-get install {Package})")]
    private static partial void FontMissing(ILogger logger, string font, string package);
}
