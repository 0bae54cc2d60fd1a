using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace IOC.Reports.Tables;

/// <summary>
/// An .xlsx workbook (Open XML SDK), one sheet per table: a bold header row, numbers as numbers, days as dates,
/// text and times (ISO 8601, Hanoi time) as inline strings.
/// </summary>
public static class ExcelExport
{
    public static byte[] Write(ExportBook book)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var table in book.Tables)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.AppendChild(Row(table.Headers.Cast<object?>().ToArray(), bold: true));
                foreach (var row in table.Rows)
                {
                    data.AppendChild(Row(row, bold: false));
                }

                part.Worksheet = new Worksheet(data);
                sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = table.Sheet });
            }

            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Row Row(object?[] cells, bool bold)
    {
        var row = new Row();
        foreach (var cell in cells)
        {
            row.AppendChild(Cell(cell, bold));
        }

        return row;
    }

    private static Cell Cell(object? value, bool bold)
    {
        var cell = value switch
        {
            long l => new Cell { DataType = CellValues.Number, CellValue = new CellValue(l.ToString(CultureInfo.InvariantCulture)) },
            int i => new Cell { DataType = CellValues.Number, CellValue = new CellValue(i.ToString(CultureInfo.InvariantCulture)) },
            double d => new Cell { DataType = CellValues.Number, CellValue = new CellValue(d.ToString("R", CultureInfo.InvariantCulture)) },
            DateOnly day => new Cell { CellValue = new CellValue(SerialDay(day).ToString(CultureInfo.InvariantCulture)), StyleIndex = 2 },
            null => new Cell(),
            _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(CsvExport.Text(value)!)) },
        };
        if (bold)
        {
            cell.StyleIndex = 1;
        }

        return cell;
    }

    /// <summary>Excel's day number (1900 date system): 2026-11-01 is 46327.</summary>
    private static int SerialDay(DateOnly day) => day.DayNumber - new DateOnly(1899, 12, 30).DayNumber;

    /// <summary>Style 0: default; style 1: bold (the header row); style 2: a date (built-in format 14, shown in the reader's locale).</summary>
    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }, new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }) { Count = 3 });
}
