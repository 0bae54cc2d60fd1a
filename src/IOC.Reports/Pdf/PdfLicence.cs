using PdfSharp;

namespace IOC.Reports.Pdf;

/// <summary>
/// PDFsharp 6.5.0, the only version our NuGet copy holds, is dual-licensed: AGPL-3.0-only, or a commercial key
/// from empira. It refuses to create a document until one of them is loaded. Which applies to a deployment is the
/// owner's decision, not the code's, so it is the setting <c>Reports:PdfLicense</c>: <see cref="Agpl"/> to accept
/// the AGPL for this deployment, or the base64 key of a bought licence. Without it the PDF export stays off.
/// </summary>
public static class PdfLicence
{
    public const string Agpl = "AGPL-3.0";

    private static volatile bool loaded;

    /// <summary>Whether a licence was loaded (PDFsharp itself checks a key's validity when a document is created).</summary>
    public static bool IsLoaded => loaded;

    /// <summary>Loads the licence a setting names; empty leaves things as they are. Returns whether PDFs can be written.</summary>
    public static bool Load(string? setting)
    {
        if (string.Equals(setting, Agpl, StringComparison.OrdinalIgnoreCase))
        {
            PdfSharpLicense.SetAgplLicense();
            loaded = true;
        }
        else if (!string.IsNullOrWhiteSpace(setting))
        {
            PdfSharpLicense.LoadLicense(setting.Trim());
            loaded = true;
        }

        return IsLoaded;
    }
}
