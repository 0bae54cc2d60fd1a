using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IOC.Reports.Excel;
using IOC.Reports.Tables;
using IOC.Tests.Shared;

namespace IOC.Reports.Tests.Excel;

public class ReviewWorkbookTests
{
    private static readonly Lazy<byte[]> Workbook = new(() => ReviewWorkbook.Write(KnownReview.Build(), ExportLanguage.Vietnamese));

    [Fact]
    public void TheWorkbookHasTheCommitmentsTheRankingAndTheTrendSheets()
    {
        using var document = Open();

        document.WorkbookPart!.Workbook.Descendants<Sheet>().Select(s => s.Name!.Value).Should().Equal("Cam kết", "Xếp hạng", "Xu hướng");
    }

    [Fact]
    public void ACommitmentRowHasItsFiguresAsNumbersItsRatesAsPercentagesAndItsWordsInVietnamese()
    {
        using var document = Open();
        var sheet = Sheet(document, "Cam kết");

        Text(sheet, "A1").Should().Be("Mã cơ quan");
        (Text(sheet, "D1"), Text(sheet, "E1"), Text(sheet, "J1")).Should().Be(("Mã chỉ số", "Chỉ số", "Chỉ tiêu"), "the KPI is a chỉ số, its target a chỉ tiêu, as on the page");
        Text(sheet, "A2").Should().Be("VPTU");
        Text(sheet, "B2").Should().Be("Văn phòng Thành ủy Hà Nội");
        Text(sheet, "C2").Should().Be("100% văn bản và hồ sơ công việc được xử lý trên môi trường số");
        Text(sheet, "D2").Should().Be("document.digitalRate");
        Text(sheet, "E2").Should().Be("Tỷ lệ văn bản xử lý trên môi trường số");
        Number(sheet, "F2").Should().Be(0.815, "81,5% stored as a share");
        Format(document, sheet, "F2").Should().Be("0.0%");
        Number(sheet, "G2").Should().Be(489);
        Number(sheet, "H2").Should().Be(600);
        Number(sheet, "J2").Should().Be(1);
        Format(document, sheet, "J2").Should().Be("0.0%");
        Text(sheet, "I2").Should().Be("≥");
        Text(sheet, "K2").Should().Be("Chưa đạt");
        Number(sheet, "L2").Should().Be(111);
        Text(sheet, "M2").Should().Be("Cần thêm 111 văn bản xử lý trên môi trường số để đạt 100%");
        Number(sheet, "N2").Should().Be(2);
        Number(sheet, "O2").Should().Be(3);
    }

    [Fact]
    public void ACommitmentOnlyOneAgencyHoldsHasNoRank()
    {
        using var document = Open();
        var sheet = Sheet(document, "Cam kết");

        foreach (var row in new[] { 5, 6, 7 })
        {
            Text(sheet, $"A{row}").Should().Be("TTPVHCC");
            Cell(sheet, $"N{row}").Should().BeNull("\"1/1\" says nothing");
            Number(sheet, $"O{row}").Should().Be(1);
        }
    }

    [Fact]
    public void NoDataLeavesTheFiguresEmptyAndSaysSo()
    {
        using var document = Open();
        var sheet = Sheet(document, "Cam kết");

        Text(sheet, "A4").Should().Be("VPUBND");
        Cell(sheet, "F4").Should().BeNull();
        Text(sheet, "K4").Should().Be("Chưa có dữ liệu");
        Text(sheet, "M4").Should().Be("Chưa có dữ liệu trong kỳ");
        Cell(sheet, "N4").Should().BeNull();
        Text(sheet, "A7").Should().Be("TTPVHCC");
        Number(sheet, "F7").Should().Be(0.9492);
        Text(sheet, "K7").Should().Be("Gần đạt");
    }

    [Fact]
    public void TheRankingSheetIsBestFirstWithAttainmentAsAPercentage()
    {
        using var document = Open();
        var sheet = Sheet(document, "Xếp hạng");

        (Text(sheet, "D1"), Text(sheet, "E1")).Should().Be(("Mức hoàn thành cam kết", "Số cam kết đạt"), "the page's words");
        (Number(sheet, "A2"), Text(sheet, "B2"), Number(sheet, "D2")).Should().Be((1, "VPDDBQH-HDND", 1));
        Text(sheet, "C2").Should().Be("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân thành phố Hà Nội");
        (Number(sheet, "A3"), Text(sheet, "B3"), Number(sheet, "D3")).Should().Be((2, "TTPVHCC", 0.9314));
        (Number(sheet, "E3"), Number(sheet, "F3"), Number(sheet, "G3")).Should().Be((0, 3, 3));
        Text(sheet, "B5").Should().Be("VPUBND");
        Cell(sheet, "A5").Should().BeNull();
    }

    [Fact]
    public void TrendPointsAreDatesAndPercentagesWithEmptyCellsForDaysWithoutData()
    {
        using var document = Open();
        var sheet = Sheet(document, "Xu hướng");

        (Text(sheet, "A2"), Text(sheet, "B2"), Text(sheet, "C2")).Should().Be(("VPTU", "document.digitalRate", "Tỷ lệ văn bản xử lý trên môi trường số"));
        Format(document, sheet, "D2").Should().Be("dd/mm/yyyy", "a date, day first");
        DateOnly.FromDateTime(DateTime.FromOADate(Number(sheet, "D2"))).Should().Be(new DateOnly(2026, 11, 1));
        Number(sheet, "E2").Should().Be(0.755);
        Cell(sheet, "E12").Should().BeNull("the eleventh day has no data");
    }

    [Fact]
    public void EverySheetHasItsColumnsSizedAndItsHeaderFrozenAndFiltered()
    {
        using var document = Open();

        foreach (var name in new[] { "Cam kết", "Xếp hạng", "Xu hướng" })
        {
            var sheet = Sheet(document, name);
            var widths = sheet.Descendants<Column>().ToList();
            widths.Should().HaveCount(sheet.Descendants<Row>().First().Elements<Cell>().Count());
            widths.Should().OnlyContain(c => c.CustomWidth! && c.Width! >= 6 && c.Width! <= 60);
            sheet.Descendants<Pane>().Single().State!.Value.Should().Be(PaneStateValues.Frozen);
            sheet.Descendants<AutoFilter>().Single().Reference!.Value.Should().StartWith("A1:");
        }

        var commitments = Sheet(document, "Cam kết").Descendants<Column>().ToList();
        commitments[12].Width!.Value.Should().BeGreaterThan(40, "the gap in words is a sentence");
        commitments[0].Width!.Value.Should().BeLessThan(20, "an agency code is short");
    }

    [Fact]
    public void TheEnglishWorkbookHasEnglishWordsAndIsoDates()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(ReviewWorkbook.Write(KnownReview.Build(), ExportLanguage.English)), false);

        document.WorkbookPart!.Workbook.Descendants<Sheet>().Select(s => s.Name!.Value).Should().Equal("Commitments", "Ranking", "Trend");
        var sheet = Sheet(document, "Commitments");
        (Text(sheet, "B2"), Text(sheet, "K2"), Text(sheet, "M2")).Should().Be(
            ("Hanoi Party Committee Office", "Missed", "111 more documents processed digitally needed to reach 100%"));
        Format(document, Sheet(document, "Trend"), "D2").Should().Be("yyyy-mm-dd");
        Text(Sheet(document, "Ranking"), "D1").Should().Be("Attainment");
    }

    [Fact]
    public async Task LibreOfficeReadsTheRatesAsPercentagesTheDaysAsDatesAndTheWordsAsText()
    {
        var sheets = await LibreOffice.OpenXlsxAsync(Workbook.Value);

        sheets.Names.Should().Equal("Cam kết", "Xếp hạng", "Xu hướng");
        var vptu = sheets["Cam kết"][1];
        (vptu[5].Type, vptu[5].Number()).Should().Be(("percentage", 0.815));
        (vptu[6].Type, vptu[6].Number()).Should().Be(("float", 489));
        (vptu[1].Type, vptu[1].Text).Should().Be(("string", "Văn phòng Thành ủy Hà Nội"));
        var day = sheets["Xu hướng"][1][3];
        (day.Type, day.Value).Should().Be(("date", "2026-11-01"));
        sheets.AllCells.Should().OnlyContain(c => c.Formula == null);
    }

    private static SpreadsheetDocument Open() => SpreadsheetDocument.Open(new MemoryStream(Workbook.Value), false);

    private static Worksheet Sheet(SpreadsheetDocument document, string name)
    {
        var sheet = document.WorkbookPart!.Workbook.Descendants<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!)).Worksheet;
    }

    /// <summary>The cell at a reference (the writer fills rows left to right with no gaps); null when empty.</summary>
    private static Cell? Cell(Worksheet sheet, string reference)
    {
        var column = reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => (n * 26) + (c - 'A' + 1));
        var row = int.Parse(reference[reference.IndexOfAny("0123456789".ToCharArray())..]);
        var cell = sheet.Descendants<Row>().ElementAt(row - 1).Elements<Cell>().ElementAt(column - 1);
        return cell.CellValue is null && cell.InlineString is null ? null : cell;
    }

    private static string Text(Worksheet sheet, string reference)
    {
        var cell = Cell(sheet, reference)!;
        cell.DataType!.Value.Should().Be(CellValues.InlineString, $"{reference} holds text");
        return cell.InlineString!.InnerText;
    }

    /// <summary>The number format code of a cell's style.</summary>
    private static string Format(SpreadsheetDocument document, Worksheet sheet, string reference)
    {
        var stylesheet = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var format = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)Cell(sheet, reference)!.StyleIndex!.Value);
        return stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == format.NumberFormatId!.Value).FormatCode!;
    }

    private static double Number(Worksheet sheet, string reference)
    {
        var cell = Cell(sheet, reference)!;
        (cell.DataType is null || cell.DataType.Value == CellValues.Number).Should().BeTrue($"{reference} holds a number");
        return double.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture);
    }
}
