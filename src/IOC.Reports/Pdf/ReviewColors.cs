using IOC.Domain.Targets;
using PdfSharp.Drawing;

namespace IOC.Reports.Pdf;

/// <summary>The report's colours. Status is never colour alone: the word (Đạt / Gần đạt / Chưa đạt) is printed too.</summary>
internal static class ReviewColors
{
    public static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(0x21, 0x21, 0x21));
    public static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(0x61, 0x61, 0x61));
    public static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromArgb(0xEC, 0xEF, 0xF3));
    public static readonly XBrush Warning = new XSolidBrush(XColor.FromArgb(0x9A, 0x5B, 0x00));
    public static readonly XColor Rule = XColor.FromArgb(0xBD, 0xBD, 0xBD);
    public static readonly XColor Line = XColor.FromArgb(0x1F, 0x5F, 0xA8);

    public static XColor Of(KpiStatus status) => status switch
    {
        KpiStatus.Met => XColor.FromArgb(0x1B, 0x7F, 0x3B),
        KpiStatus.Near => XColor.FromArgb(0xB2, 0x6A, 0x00),
        KpiStatus.Missed => XColor.FromArgb(0xC6, 0x28, 0x28),
        _ => XColor.FromArgb(0x75, 0x75, 0x75),
    };
}
