using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace IOC.Reports.Pdf;

/// <summary>
/// Top-to-bottom layout on A4 landscape pages: a cursor <see cref="Y"/>, a new page when a block does not fit, word
/// wrapping by measured width, and page footers drawn once the page count is known.
/// </summary>
internal sealed class PdfFlow : IDisposable
{
    public const double PageWidth = 842; // A4 landscape, points
    public const double PageHeight = 595;
    public const double Margin = 34;
    private const double FooterSpace = 22;

    private readonly PdfDocument document = new();
    private XGraphics? graphics;

    public PdfFlow(string title)
    {
        ReportFonts.EnsureInstalled();
        document.Info.Title = title;
        document.Info.Creator = "IOC Hà Nội";
        NewPage();
    }

    public XGraphics G => graphics!;

    public double Y { get; set; }

    public static double Left => Margin;

    public static double Width => PageWidth - (2 * Margin);

    private static double Bottom => PageHeight - Margin - FooterSpace;

    /// <summary>Called before drawing a block of this height; starts a new page when it would not fit.</summary>
    public bool Ensure(double height)
    {
        if (Y + height <= Bottom)
        {
            return false;
        }

        NewPage();
        return true;
    }

    public void NewPage()
    {
        graphics?.Dispose();
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        graphics = XGraphics.FromPdfPage(page);
        Y = Margin;
    }

    public static double LineHeight(XFont font) => font.Size * 1.3;

    /// <summary>Greedy word wrap by measured width; a word wider than the line is cut by characters.</summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in ReviewWords.Nfc(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (G.MeasureString(candidate, font).Width <= width)
            {
                line = candidate;
                continue;
            }

            if (line.Length > 0)
            {
                lines.Add(line);
            }

            line = word;
            while (line.Length > 1 && G.MeasureString(line, font).Width > width)
            {
                var cut = line.Length - 1;
                while (cut > 1 && G.MeasureString(line[..cut], font).Width > width)
                {
                    cut--;
                }

                lines.Add(line[..cut]);
                line = line[cut..];
            }
        }

        if (line.Length > 0 || lines.Count == 0)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Draws wrapped lines with their top at <paramref name="y"/>; returns the height used.</summary>
    public double Lines(IReadOnlyList<string> lines, XFont font, XBrush brush, double x, double y)
    {
        var height = LineHeight(font);
        for (var i = 0; i < lines.Count; i++)
        {
            Text(lines[i], font, brush, x, y + (i * height));
        }

        return lines.Count * height;
    }

    public void Text(string text, XFont font, XBrush brush, double x, double y) =>
        G.DrawString(ReviewWords.Nfc(text), font, brush, x, y, XStringFormats.TopLeft);

    public void TextRight(string text, XFont font, XBrush brush, double right, double y) =>
        G.DrawString(ReviewWords.Nfc(text), font, brush, right - G.MeasureString(ReviewWords.Nfc(text), font).Width, y, XStringFormats.TopLeft);

    /// <summary>A paragraph across the page at the cursor; moves the cursor below it.</summary>
    public void Paragraph(string text, XFont font, XBrush brush, double after = 4)
    {
        var lines = Wrap(text, font, Width);
        Ensure(lines.Count * LineHeight(font));
        Y += Lines(lines, font, brush, Left, Y) + after;
    }

    /// <summary>Draws every page's footer (left text, "page i/n" on the right) and returns the PDF.</summary>
    public byte[] Finish(string left, Func<int, int, string> pageOf)
    {
        graphics?.Dispose();
        graphics = null;
        var font = ReportFonts.Font(7.5);
        var count = document.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var g = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            var y = PageHeight - Margin - 10;
            g.DrawLine(new XPen(ReviewColors.Rule, 0.5), Left, y - 4, Left + Width, y - 4);
            g.DrawString(ReviewWords.Nfc(left), font, ReviewColors.Muted, Left, y, XStringFormats.TopLeft);
            var right = ReviewWords.Nfc(pageOf(i + 1, count));
            g.DrawString(right, font, ReviewColors.Muted, Left + Width - g.MeasureString(right, font).Width, y, XStringFormats.TopLeft);
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        graphics?.Dispose();
        document.Dispose();
    }
}
