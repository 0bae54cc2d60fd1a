namespace IOC.Reports.Print;

/// <summary>
/// DejaVu Sans regular and bold, embedded in this assembly (Fonts/, Bitstream Vera licence beside them), as CSS
/// <c>@font-face</c> rules with data: URIs. The printed page names only this family, so a server without any fonts
/// installed prints the same Vietnamese as a developer's machine; Chromium embeds the subset of glyphs it used.
/// </summary>
internal static class ReportFonts
{
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<string> Css = new(() =>
        FontFace("DejaVuSans", "normal") + FontFace("DejaVuSans-Bold", "bold"));

    /// <summary>The two @font-face rules (~2 MB of base64, built once per process).</summary>
    public static string FontFaces => Css.Value;

    private static string FontFace(string face, string weight) =>
        $"@font-face {{ font-family: \"{Family}\"; font-weight: {weight}; font-style: normal; " +
        $"src: url(data:font/ttf;base64,{Convert.ToBase64String(Load(face))}) format(\"truetype\"); }}\n";

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
