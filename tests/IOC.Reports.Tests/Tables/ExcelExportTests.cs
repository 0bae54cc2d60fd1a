using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IOC.Reports.Tables;
using IOC.Tests.Shared;

namespace IOC.Reports.Tests.Tables;

/// <summary>The Excel writer: text is always a string cell (never a formula), figures keep their kind, dates are dates.</summary>
public class ExcelExportTests
{
    private static readonly Lazy<byte[]> Workbook = new(() => ExcelExport.Write(new ExportBook("t", [HostileTable.Build()], ExportLanguage.Vietnamese)));

    [Fact]
    public void TextStartingLikeAFormulaIsAStringCellMarkedAsQuotedSoEditingItKeepsItText()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(Workbook.Value), false);
        var formats = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var rows = document.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<Row>().Skip(2).ToList();

        rows.Select(r => r.Elements<Cell>().First()).Should().OnlyContain(c =>
            c.DataType!.Value == CellValues.InlineString && c.CellFormula == null && formats[(int)c.StyleIndex!.Value].QuotePrefix!.Value);
        rows.Select(r => r.Elements<Cell>().First().InlineString!.InnerText).Should().Equal(
            HostileTable.FormulaTexts.Select(t => t.Replace("\r", "\n")), "the text is kept as it is (XML reads a carriage return as a line break)");
        document.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<CellFormula>().Should().BeEmpty();
    }

    [Fact]
    public void TimesAreHanoiDatesAndPercentagesAreShares()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(Workbook.Value), false);
        var first = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ElementAt(1).Elements<Cell>().ToList();

        DateTime.FromOADate(double.Parse(first[6].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be(new DateTime(2026, 11, 21, 8, 15, 0), "01:15 UTC is 08:15 in Hanoi");
        first[4].CellValue!.Text.Should().Be("0.6275");
        first[0].CellReference!.Value.Should().Be("A2");
    }

    [Fact]
    public async Task LibreOfficeReadsEveryTextLiterallyAndEveryFigureWithItsType()
    {
        var sheets = await LibreOffice.OpenXlsxAsync(Workbook.Value);

        sheets.AllCells.Should().OnlyContain(c => c.Formula == null, "nothing is a formula");
        var sheet = sheets["Bảng"];
        var first = sheet[1];
        (first[1].Type, first[1].Text).Should().Be(("string", "00082"), "a code is text in the workbook");
        (first[2].Type, first[2].Number()).Should().Be(("float", 1234));
        (first[3].Type, first[3].Number()).Should().Be(("float", -3.5));
        (first[4].Type, first[4].Number()).Should().Be(("percentage", 0.6275));
        (first[5].Type, first[5].Value).Should().Be(("date", "2026-11-01"));
        (first[6].Type, first[6].Value).Should().Be(("date", "2026-11-21T08:15:00"));
        sheet.Skip(2).Select(r => (r[0].Type, HostileTable.Literal(r[0].Text))).Should().Equal(
            HostileTable.FormulaTexts.Select(t => ((string?)"string", t.Replace("\r", "\n"))));
    }

    [Fact]
    public void AnUnknownKindOfCellIsRefusedRatherThanWrittenAsSomeText()
    {
        var act = () => ExcelExport.Write(new ExportBook("t", [new ExportTable("T", ["a"], [[TimeSpan.FromHours(1)]])], ExportLanguage.Vietnamese));

        act.Should().Throw<ArgumentException>().WithMessage("*TimeSpan*");
    }
}
