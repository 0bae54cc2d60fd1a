using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace IOC.Reports.Pdf;

/// <summary>
/// PDFsharp's font source: DejaVu Sans regular and bold, embedded in this assembly (Pdf/Fonts, Bitstream Vera
/// licence beside them), so a server with no fonts installed still prints every Vietnamese letter. Whatever family a
/// caller asks for gets DejaVu Sans; italics are simulated. PDFsharp takes one resolver per process, set on first use.
/// </summary>
internal sealed class ReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly ReportFonts Instance = new();
    private static readonly Lock Gate = new();
    // The whole font file, not a subset: PDFsharp 6.5's subsetter drops the accent components of composite glyphs
    // (ố, ế, ề, ồ, ễ printed as o, e), which Vietnamese needs. Costs ~0.7 MB per face in each PDF.
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode, PdfFontEmbedding.EmbedCompleteFontFile);

    private readonly ConcurrentDictionary<string, byte[]> faces = new(StringComparer.Ordinal);

    /// <summary>A font of the report: DejaVu Sans, Unicode-encoded so text extraction (pdftotext, search) gives the letters back.</summary>
    public static XFont Font(double size, bool bold = false)
    {
        EnsureInstalled();
        return new XFont(Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
    }

    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not ReportFonts)
            {
                GlobalFontSettings.FontResolver = Instance;
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => faces.GetOrAdd(faceName, Load);

    private static byte[] Load(string face)
    {
        var name = $"IOC.Reports.Fonts.{face}.ttf";
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font resource '{name}' is missing from IOC.Reports.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
