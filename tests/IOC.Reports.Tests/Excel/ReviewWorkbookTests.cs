using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IOC.Reports.Excel;

namespace IOC.Reports.Tests.Excel;

public class ReviewWorkbookTests
{
    private static readonly Lazy<byte[]> Workbook = new(() => ReviewWorkbook.Write(KnownReview.Build()));

    [Fact]
    public void TheWorkbookHasTheCommitmentsTheRankingAndTheTrendSheets()
    {
        using var document = Open();

        document.WorkbookPart!.Workbook.Descendants<Sheet>().Select(s => s.Name!.Value).Should().Equal("Cam kết", "Xếp hạng", "Xu hướng");
    }

    [Fact]
    public void ACommitmentRowHasItsFiguresAsNumbersAndItsWordsInVietnamese()
    {
        using var document = Open();
        var sheet = Sheet(document, "Cam kết");

        Text(sheet, "A1").Should().Be("Mã cơ quan");
        Text(sheet, "A2").Should().Be("VPTU");
        Text(sheet, "B2").Should().Be("Văn phòng Thành ủy Hà Nội");
        Text(sheet, "C2").Should().Be("100% văn bản và hồ sơ công việc được xử lý trên môi trường số");
        Text(sheet, "D2").Should().Be("document.digitalRate");
        Number(sheet, "E2").Should().Be(81.5);
        Number(sheet, "F2").Should().Be(489);
        Number(sheet, "G2").Should().Be(600);
        Number(sheet, "H2").Should().Be(100);
        Text(sheet, "I2").Should().Be("≥");
        Text(sheet, "J2").Should().Be("Chưa đạt");
        Number(sheet, "K2").Should().Be(111);
        Text(sheet, "L2").Should().Be("Cần thêm 111 văn bản xử lý trên môi trường số để đạt 100%");
        Number(sheet, "M2").Should().Be(2);
        Number(sheet, "N2").Should().Be(3);
    }

    [Fact]
    public void NoDataLeavesTheFiguresEmptyAndSaysSo()
    {
        using var document = Open();
        var sheet = Sheet(document, "Cam kết");

        Text(sheet, "A4").Should().Be("VPUBND");
        Cell(sheet, "E4").Should().BeNull();
        Text(sheet, "J4").Should().Be("Chưa có dữ liệu");
        Text(sheet, "L4").Should().Be("Chưa có dữ liệu trong kỳ");
        Cell(sheet, "M4").Should().BeNull();
        Text(sheet, "A7").Should().Be("TTPVHCC");
        Number(sheet, "E7").Should().Be(94.92);
        Text(sheet, "J7").Should().Be("Gần đạt");
    }

    [Fact]
    public void TheRankingSheetIsBestFirstWithAttainmentAsANumber()
    {
        using var document = Open();
        var sheet = Sheet(document, "Xếp hạng");

        Text(sheet, "D1").Should().Be("Mức đạt (%)");
        (Number(sheet, "A2"), Text(sheet, "B2"), Number(sheet, "D2")).Should().Be((1, "VPDDBQH-HDND", 100));
        Text(sheet, "C2").Should().Be("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân thành phố Hà Nội");
        (Number(sheet, "A3"), Text(sheet, "B3"), Number(sheet, "D3")).Should().Be((2, "TTPVHCC", 93.14));
        (Number(sheet, "E3"), Number(sheet, "F3"), Number(sheet, "G3")).Should().Be((0, 3, 3));
        Text(sheet, "B5").Should().Be("VPUBND");
        Cell(sheet, "A5").Should().BeNull();
    }

    [Fact]
    public void TrendPointsAreDatesAndValuesWithEmptyCellsForDaysWithoutData()
    {
        using var document = Open();
        var sheet = Sheet(document, "Xu hướng");

        (Text(sheet, "A2"), Text(sheet, "B2"), Text(sheet, "C2")).Should().Be(("VPTU", "document.digitalRate", "Tỷ lệ văn bản xử lý trên môi trường số"));
        Cell(sheet, "D2")!.StyleIndex!.Value.Should().Be(2u, "a date format");
        DateOnly.FromDateTime(DateTime.FromOADate(Number(sheet, "D2"))).Should().Be(new DateOnly(2026, 11, 1));
        Number(sheet, "E2").Should().Be(75.5);
        Cell(sheet, "E12").Should().BeNull("the eleventh day has no data");
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

    private static double Number(Worksheet sheet, string reference)
    {
        var cell = Cell(sheet, reference)!;
        (cell.DataType is null || cell.DataType.Value == CellValues.Number).Should().BeTrue($"{reference} holds a number");
        return double.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture);
    }
}
