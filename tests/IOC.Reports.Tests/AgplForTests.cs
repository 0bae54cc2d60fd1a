using System.Runtime.CompilerServices;
using IOC.Reports.Pdf;

namespace IOC.Reports.Tests;

/// <summary>PDFsharp writes nothing without a licence; the tests run under its AGPL option (docs/review.md).</summary>
internal static class AgplForTests
{
    [ModuleInitializer]
    internal static void Load() => PdfLicence.Load(PdfLicence.Agpl);
}
