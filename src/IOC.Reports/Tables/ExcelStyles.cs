using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace IOC.Reports.Tables;

/// <summary>
/// The cell styles of an exported workbook. Number formats are codes, shown with the reader's own decimal and group
/// separators (a Vietnamese Excel shows 1.234 and 62,8%); dates use the export language's order.
/// </summary>
internal static class ExcelStyles
{
    public const uint Default = 0;
    public const uint HeaderRow = 1;
    public const uint Date = 2;
    public const uint DateTime = 3;
    public const uint Percent = 4;
    public const uint Count = 5;

    /// <summary>
    /// Text that starts like a formula: Excel's "quote prefix" (what it sets itself when one types '=1+1), so the
    /// cell stays text even after it is edited.
    /// </summary>
    public const uint FormulaLikeText = 6;

    private const uint DateFormatId = 164;
    private const uint DateTimeFormatId = 165;
    private const uint PercentFormatId = 166;

    /// <summary>Excel's built-in "#,##0".</summary>
    private const uint CountFormatId = 3;

    public static Stylesheet For(ExportLanguage language) => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = language.ExcelDateFormat },
            new NumberingFormat { NumberFormatId = DateTimeFormatId, FormatCode = language.ExcelDateTimeFormat },
            new NumberingFormat { NumberFormatId = PercentFormatId, FormatCode = "0.0%" }) { Count = 3 },
        // One typeface for header and body (Excel's default, Calibri 11; LibreOffice substitutes a metric twin), so the
        // bold header is not drawn in another family than the rows.
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFECEFF3" }) { PatternType = PatternValues.Solid })) { Count = 3 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 1, FillId = 2, ApplyFont = true, ApplyFill = true, ApplyAlignment = true },
            Numbered(DateFormatId),
            Numbered(DateTimeFormatId),
            Numbered(PercentFormatId),
            Numbered(CountFormatId),
            new CellFormat { QuotePrefix = true }) { Count = 7 });

    private static CellFormat Numbered(uint format) => new() { NumberFormatId = format, ApplyNumberFormat = true };

    /// <summary>Excel's column letters: 1 is A, 27 is AA.</summary>
    public static string Column(int number)
    {
        var name = "";
        for (; number > 0; number = (number - 1) / 26)
        {
            name = (char)('A' + ((number - 1) % 26)) + name;
        }

        return name;
    }

    public static UInt32Value Style(uint index) => index;
}
