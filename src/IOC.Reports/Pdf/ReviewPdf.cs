using IOC.Domain.Kpis;
using IOC.Reports.Excel;
using IOC.Review.Reports;
using PdfSharp.Drawing;

namespace IOC.Reports.Pdf;

/// <summary>
/// The printable competition review (A4 landscape): title, period and as-of time; the agencies side by side on each
/// committed KPI (value with numerator/denominator, target, status, gap in words, rank, trend sparkline); the overall
/// ranking; how ranks are made; page numbers. Drawn in process with PDFsharp and the embedded DejaVu Sans.
/// </summary>
public static class ReviewPdf
{
    private const double Pad = 4;
    private const double FirstColumn = 176;
    private const double SparkHeight = 24;

    /// <exception cref="InvalidOperationException">No PDFsharp licence is loaded (see <see cref="PdfLicence"/>).</exception>
    public static byte[] Write(ReviewReport report, bool english = false)
    {
        if (!PdfLicence.IsLoaded)
        {
            throw new InvalidOperationException($"PDFsharp needs a licence before it writes a PDF: set Reports:PdfLicense to '{PdfLicence.Agpl}' or a commercial key (docs/review.md).");
        }

        var words = ReviewWords.For(english);
        var texts = ReviewPdfTexts.For(english);
        using var flow = new PdfFlow(texts.Title + " · " + words.Period(report.Period));

        Header(flow, report, words, texts);
        Commitments(flow, report, words, texts);
        Ranking(flow, report, words, texts);
        Heading(flow, texts.RulesHeading);
        flow.Paragraph(texts.Rules, ReportFonts.Font(8), ReviewColors.Ink);

        return flow.Finish($"{texts.Footer} · {words.Period(report.Period)}", (page, of) => $"{texts.Page} {page}/{of}");
    }

    private static void Header(PdfFlow flow, ReviewReport report, ReviewWords words, ReviewPdfTexts texts)
    {
        flow.Paragraph(texts.Issuer, ReportFonts.Font(8), ReviewColors.Muted, after: 2);
        flow.Paragraph(texts.Title, ReportFonts.Font(15, bold: true), ReviewColors.Ink, after: 3);
        var period = report.Period;
        flow.Paragraph(
            $"{texts.Period}: {words.Period(period)} ({ReviewWords.Day(period.FirstDay)} – {ReviewWords.Day(period.LastDay)})   ·   {texts.AsOf}: {ReviewWords.Time(report.AsOf)} (UTC+7)",
            ReportFonts.Font(9.5), ReviewColors.Ink, after: 2);
        if (report.Running)
        {
            flow.Paragraph(texts.Running, ReportFonts.Font(8.5, bold: true), ReviewColors.Warning, after: 2);
        }

        flow.Y += 6;
    }

    private static void Heading(PdfFlow flow, string text)
    {
        flow.Ensure(60);
        flow.Paragraph(text, ReportFonts.Font(11, bold: true), ReviewColors.Ink, after: 4);
    }

    // The side-by-side table: a row per committed KPI, a column per agency.
    private static void Commitments(PdfFlow flow, ReviewReport report, ReviewWords words, ReviewPdfTexts texts)
    {
        Heading(flow, texts.CommitmentsHeading);
        var agencyWidth = (PdfFlow.Width - FirstColumn) / report.Agencies.Count;
        CommitmentsHeader(flow, report, words, texts, agencyWidth);
        foreach (var kpi in report.Kpis)
        {
            var height = RowHeight(flow, report, kpi, words, agencyWidth);
            if (flow.Ensure(height))
            {
                CommitmentsHeader(flow, report, words, texts, agencyWidth);
            }

            DrawRow(flow, report, kpi, words, texts, agencyWidth, height);
            flow.Y += height;
        }

        flow.Y += 3;
        flow.Paragraph(texts.TrendNote, ReportFonts.Font(7), ReviewColors.Muted, after: 8);
    }

    private static void CommitmentsHeader(PdfFlow flow, ReviewReport report, ReviewWords words, ReviewPdfTexts texts, double agencyWidth)
    {
        var font = ReportFonts.Font(8, bold: true);
        var names = report.Agencies.Select(a => flow.Wrap(words.Name(a.Agency), font, agencyWidth - (2 * Pad))).ToList();
        var height = (names.Max(n => n.Count) * PdfFlow.LineHeight(font)) + (2 * Pad);
        flow.Ensure(height + 60);
        flow.G.DrawRectangle(ReviewColors.HeaderFill, PdfFlow.Left, flow.Y, PdfFlow.Width, height);
        flow.Text(texts.Commitment, font, ReviewColors.Ink, PdfFlow.Left + Pad, flow.Y + Pad);
        for (var i = 0; i < names.Count; i++)
        {
            flow.Lines(names[i], font, ReviewColors.Ink, PdfFlow.Left + FirstColumn + (i * agencyWidth) + Pad, flow.Y + Pad);
        }

        Grid(flow, report.Agencies.Count, agencyWidth, height);
        flow.Y += height;
    }

    private static void Grid(PdfFlow flow, int agencies, double agencyWidth, double height)
    {
        var pen = new XPen(ReviewColors.Rule, 0.5);
        flow.G.DrawRectangle(pen, PdfFlow.Left, flow.Y, PdfFlow.Width, height);
        for (var i = 0; i < agencies; i++)
        {
            var x = PdfFlow.Left + FirstColumn + (i * agencyWidth);
            flow.G.DrawLine(pen, x, flow.Y, x, flow.Y + height);
        }
    }

    private static (IReadOnlyList<string> Wording, IReadOnlyList<string> Kpi) FirstCell(PdfFlow flow, ReviewReport report, string kpi, ReviewWords words)
    {
        var commitment = report.Agencies.SelectMany(a => a.Commitments).First(c => c.Result.Commitment.Kpi == kpi).Result.Commitment;
        var definition = KpiCatalog.Get(kpi);
        return (
            flow.Wrap(words.Wording(commitment), ReportFonts.Font(8, bold: true), FirstColumn - (2 * Pad)),
            flow.Wrap($"{(words.IsEnglish ? definition.NameEn : definition.NameVi)} ({kpi})", ReportFonts.Font(7), FirstColumn - (2 * Pad)));
    }

    private static double RowHeight(PdfFlow flow, ReviewReport report, string kpi, ReviewWords words, double agencyWidth)
    {
        var (wording, name) = FirstCell(flow, report, kpi, words);
        var first = (wording.Count * PdfFlow.LineHeight(ReportFonts.Font(8))) + 2 + (name.Count * PdfFlow.LineHeight(ReportFonts.Font(7)));
        var cells = report.Agencies.Select(a => report.Cell(a.Agency.Code, kpi) is { } c ? CellHeight(flow, c, words, agencyWidth) : 20);
        return Math.Max(first, cells.Max()) + (2 * Pad);
    }

    // A cell: value (numerator/denominator), target, status and rank, gap in words, sparkline.
    private static double CellHeight(PdfFlow flow, CommitmentReview cell, ReviewWords words, double agencyWidth) =>
        PdfFlow.LineHeight(ReportFonts.Font(11)) + PdfFlow.LineHeight(ReportFonts.Font(7.5)) + PdfFlow.LineHeight(ReportFonts.Font(8))
        + (flow.Wrap(words.Gap(cell), ReportFonts.Font(7.5), agencyWidth - (2 * Pad)).Count * PdfFlow.LineHeight(ReportFonts.Font(7.5)))
        + 3 + SparkHeight;

    private static void DrawRow(PdfFlow flow, ReviewReport report, string kpi, ReviewWords words, ReviewPdfTexts texts, double agencyWidth, double height)
    {
        var (wording, name) = FirstCell(flow, report, kpi, words);
        var y = flow.Y + Pad;
        y += flow.Lines(wording, ReportFonts.Font(8, bold: true), ReviewColors.Ink, PdfFlow.Left + Pad, y) + 2;
        flow.Lines(name, ReportFonts.Font(7), ReviewColors.Muted, PdfFlow.Left + Pad, y);

        for (var i = 0; i < report.Agencies.Count; i++)
        {
            var x = PdfFlow.Left + FirstColumn + (i * agencyWidth) + Pad;
            if (report.Cell(report.Agencies[i].Agency.Code, kpi) is { } cell)
            {
                DrawCell(flow, report, cell, words, texts, x, flow.Y + Pad, agencyWidth - (2 * Pad));
            }
            else
            {
                flow.Lines(flow.Wrap(texts.NotCommitted, ReportFonts.Font(7.5), agencyWidth - (2 * Pad)), ReportFonts.Font(7.5), ReviewColors.Muted, x, flow.Y + Pad);
            }
        }

        Grid(flow, report.Agencies.Count, agencyWidth, height);
    }

    private static void DrawCell(PdfFlow flow, ReviewReport report, CommitmentReview cell, ReviewWords words, ReviewPdfTexts texts, double x, double y, double width)
    {
        var (result, value) = (cell.Result, cell.Result.Value);
        var big = ReportFonts.Font(11, bold: true);
        var valueText = words.Percent(value.Value);
        flow.Text(valueText, big, ReviewColors.Ink, x, y);
        if (value.Numerator is { } n && value.Denominator is { } d and > 0)
        {
            var small = ReportFonts.Font(7.5);
            flow.Text($"({words.Count(n)}/{words.Count(d)})", small, ReviewColors.Muted, x + flow.G.MeasureString(valueText, big).Width + 4, y + 3);
        }

        y += PdfFlow.LineHeight(big);
        var note = ReportFonts.Font(7.5);
        flow.Text($"{texts.Target} {words.Target(result.Commitment)}", note, ReviewColors.Muted, x, y);
        y += PdfFlow.LineHeight(note);

        var status = ReportFonts.Font(8, bold: true);
        var colour = ReviewColors.Of(result.Status);
        flow.G.DrawRectangle(new XSolidBrush(colour), x, y + 1.5, 6.5, 6.5);
        flow.Text(words.Status(result.Status), status, new XSolidBrush(colour), x + 10, y);
        flow.TextRight($"{texts.Rank} {ReviewWords.Rank(cell.Rank, report.CommittedTo(result.Commitment.Kpi))}", status, ReviewColors.Ink, x + width, y);
        y += PdfFlow.LineHeight(status);

        y += flow.Lines(flow.Wrap(words.Gap(cell), note, width), note, ReviewColors.Ink, x, y) + 3;
        Sparkline.Draw(flow, new XRect(x, y, width, SparkHeight - 2), cell.Trend, report.Period, result.Commitment.Value, words);
    }

    // The overall ranking: rank, agency, attainment, commitments met.
    private static void Ranking(PdfFlow flow, ReviewReport report, ReviewWords words, ReviewPdfTexts texts)
    {
        Heading(flow, texts.RankingHeading);
        double[] widths = [60, PdfFlow.Width - 60 - 110 - 130, 110, 130];
        var bold = ReportFonts.Font(8.5, bold: true);
        var font = ReportFonts.Font(8.5);
        var rowHeight = PdfFlow.LineHeight(font) + (2 * Pad);
        RankingRow(flow, widths, [texts.RankColumn, texts.AgencyColumn, texts.AttainmentColumn, texts.MetColumn], bold, ReviewColors.HeaderFill, rowHeight);
        foreach (var agency in ReviewWorkbook.Ranked(report))
        {
            flow.Ensure(rowHeight);
            RankingRow(
                flow,
                widths,
                [agency.Rank?.ToString(words.Culture) ?? "—", words.Name(agency.Agency), words.Percent(agency.Score.Attainment), $"{agency.Score.Met}/{agency.Score.Total}"],
                font,
                null,
                rowHeight);
        }

        flow.Y += 10;
    }

    private static void RankingRow(PdfFlow flow, double[] widths, string[] cells, XFont font, XBrush? fill, double height)
    {
        var pen = new XPen(ReviewColors.Rule, 0.5);
        if (fill is not null)
        {
            flow.G.DrawRectangle(fill, PdfFlow.Left, flow.Y, PdfFlow.Width, height);
        }

        var x = PdfFlow.Left;
        for (var i = 0; i < cells.Length; i++)
        {
            flow.G.DrawRectangle(pen, x, flow.Y, widths[i], height);
            var text = flow.Wrap(cells[i], font, widths[i] - (2 * Pad))[0];
            flow.Text(text, font, ReviewColors.Ink, x + Pad, flow.Y + Pad);
            x += widths[i];
        }

        flow.Y += height;
    }
}
