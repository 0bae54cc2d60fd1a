using IOC.Reports.Print;
using IOC.Review.Reports;

namespace IOC.Reports.Tests.Print;

/// <summary>The real printer (Chromium on PATH, as scripts/test.sh installs it), shared so tests print two at a time at most.</summary>
internal static class Printer
{
    private static readonly ChromiumPdfPrinter Chromium = new(new ChromiumOptions());

    public static Task<byte[]> PrintAsync(ReviewReport report, bool english = false) => Chromium.PrintAsync(ReviewHtml.Write(report, english));
}
