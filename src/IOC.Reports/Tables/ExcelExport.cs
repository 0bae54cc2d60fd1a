using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static IOC.Reports.Tables.ExcelStyles;

namespace IOC.Reports.Tables;

/// <summary>
/// An .xlsx workbook (Open XML SDK), one sheet per table: a bold header row that stays in view and filters, columns
/// as wide as what they hold, counts and numbers as numbers, percentages as percentages, days and times (Hanoi) as
/// real dates. Text is always a string cell, never a formula, whatever it starts with (docs/exports.md).
/// </summary>
public static class ExcelExport
{
    private const int MinWidth = 6;
    private const int MaxWidth = 60;

    public static byte[] Write(ExportBook book)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = For(book.Language);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            var filters = new DefinedNames();
            uint id = 1;
            foreach (var table in book.Tables)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = Worksheet(table, book.Language);
                sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = table.Sheet });

                // Excel keeps a sheet's filter range in this hidden name beside the sheet's autoFilter.
                filters.AppendChild(new DefinedName($"'{table.Sheet.Replace("'", "''")}'!$A$1:${Column(table.Headers.Count)}${table.Rows.Count + 1}")
                {
                    Name = "_xlnm._FilterDatabase",
                    LocalSheetId = id - 1,
                    Hidden = true,
                });
                id++;
            }

            workbook.Workbook.AppendChild(filters);
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Worksheet Worksheet(ExportTable table, ExportLanguage language)
    {
        var data = new SheetData();
        data.AppendChild(Row(1, table.Headers, header: true));
        for (var i = 0; i < table.Rows.Count; i++)
        {
            data.AppendChild(Row((uint)(i + 2), table.Rows[i], header: false));
        }

        var frozenHeader = new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen };
        return new Worksheet(
            new SheetViews(new SheetView(frozenHeader) { WorkbookViewId = 0 }),
            Widths(table, language),
            data,
            new AutoFilter { Reference = $"A1:{Column(table.Headers.Count)}{table.Rows.Count + 1}" });
    }

    private static Row Row(uint number, IReadOnlyList<object?> cells, bool header)
    {
        var row = new Row { RowIndex = number };
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = header ? Text((string)cells[i]!, HeaderRow) : Cell(cells[i]);
            cell.CellReference = Column(i + 1) + number.ToString(CultureInfo.InvariantCulture);
            row.AppendChild(cell);
        }

        return row;
    }

    private static Cell Cell(object? value) => value switch
    {
        null => new Cell(),
        string s => Text(s, ExportCells.LooksLikeFormula(s) ? FormulaLikeText : Default),
        long l => Number(l, Count),
        int i => Number(i, Count),
        double d => Number(d, Default),
        Percent p => Number(Math.Round(p.Value / 100, 12), ExcelStyles.Percent),
        DateOnly day => Number(day.DayNumber - new DateOnly(1899, 12, 30).DayNumber, Date),
        DateTimeOffset at => Number(Math.Round(ExportCells.Local(at).ToOADate(), 9), ExcelStyles.DateTime),
        _ => throw ExportCells.Unknown(value),
    };

    /// <summary>Text as an inline string cell: Excel and LibreOffice show it as it is and never evaluate it.</summary>
    private static Cell Text(string text, uint style) => new()
    {
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(text) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }),
        StyleIndex = Style(style),
    };

    private static Cell Number(double value, uint style) => new()
    {
        DataType = CellValues.Number,
        CellValue = new CellValue(value.ToString("R", CultureInfo.InvariantCulture)),
        StyleIndex = style == Default ? null : Style(style),
    };

    /// <summary>
    /// Each column as wide as its longest text in the export's language (the header wraps beyond that), within
    /// 6–60 characters, so nothing opens as "####" or cut off.
    /// </summary>
    private static Columns Widths(ExportTable table, ExportLanguage language)
    {
        var columns = new Columns();
        for (var i = 0; i < table.Headers.Count; i++)
        {
            var longest = table.Rows.Select(r => Width(r[i], language)).DefaultIfEmpty(0).Max();
            var header = table.Headers[i].Split(' ').Max(w => w.Length);
            var width = Math.Clamp(Math.Max(longest, Math.Max(header, Math.Min(table.Headers[i].Length, 24))) + 2, MinWidth, MaxWidth);
            columns.AppendChild(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = width, CustomWidth = true });
        }

        return columns;
    }

    /// <summary>The characters a cell shows: its text, or a number as Excel formats it (a count gets group separators).</summary>
    private static int Width(object? cell, ExportLanguage language) => cell switch
    {
        null => 0,
        long l => l.ToString("N0", CultureInfo.InvariantCulture).Length,
        int i => i.ToString("N0", CultureInfo.InvariantCulture).Length,
        Percent p => p.Value.ToString("0.0", CultureInfo.InvariantCulture).Length + 1,
        _ => ExportCells.Text(cell, language)!.Length,
    };
}
