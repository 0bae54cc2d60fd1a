using System.Text;
using IOC.Reports.Tables;
using IOC.Tests.Shared;

namespace IOC.Reports.Tests.Tables;

/// <summary>The CSV writer: the conventions of each language, and OWASP's neutralising of text that starts like a formula.</summary>
public class CsvExportTests
{
    [Theory]
    [InlineData("=1+1")]
    [InlineData("+1+1")]
    [InlineData("-1+1")]
    [InlineData("@SUM(1,2)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void TextStartingWithAFormulaCharacterIsQuotedBehindAnApostrophe(string text)
    {
        var lines = Lines(new ExportTable("T", ["Tên"], [[text]]), ExportLanguage.Vietnamese);

        lines[1].Should().Be($"\"'{text}\"", "OWASP: a leading apostrophe and the field in quotes");
    }

    [Fact]
    public void TextWithoutAFormulaStartIsQuotedAndLeftAsItIs()
    {
        var lines = Lines(new ExportTable("T", ["Tên", "Ghi chú"], [["Phường Cửa Nam", "a \"quoted\" word; x=1"]]), ExportLanguage.Vietnamese);

        lines[1].Should().Be("\"Phường Cửa Nam\";\"a \"\"quoted\"\" word; x=1\"");
    }

    [Fact]
    public void NegativeNumbersAndPercentagesStayNumbersAndAreNeverEscaped()
    {
        var lines = Lines(new ExportTable("T", ["a", "b", "c", "d"], [[-4L, -3.5, new Percent(-2.5), -7]]), ExportLanguage.Vietnamese);

        lines[1].Should().Be("-4;-3,5;-2,5%;-7");
    }

    [Fact]
    public void TheVietnameseCsvHasABomSemicolonsDecimalCommasAndDayFirstDatesInHanoiTime()
    {
        var bytes = CsvExport.Write(HostileTable.Build(), ExportLanguage.Vietnamese);

        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        lines[0].Should().Be("\"Tên\";\"Mã\";\"Số lượng\";\"Thay đổi\";\"Tỷ lệ\";\"Ngày\";\"Tiếp nhận\"");
        lines[1].Should().Be("\"Phường Cửa Nam\";\"00082\";1234;-3,5;62,75%;01/11/2026;21/11/2026 08:15");
    }

    [Fact]
    public void TheEnglishCsvHasCommasDecimalPointsAndIsoDates()
    {
        var lines = Lines(HostileTable.Build(), ExportLanguage.English);

        lines[1].Should().Be("\"Phường Cửa Nam\",\"00082\",1234,-3.5,62.75%,2026-11-01,2026-11-21 08:15");
    }

    [Fact]
    public async Task LibreOfficeUnderVietnameseSettingsReadsFiguresAsFiguresAndEveryTextLiterallyWithoutEvaluatingIt()
    {
        var sheet = (await LibreOffice.OpenCsvAsync(CsvExport.Write(HostileTable.Build(), ExportLanguage.Vietnamese), ';', LibreOffice.Vietnamese)).First;

        sheet.SelectMany(r => r).Should().OnlyContain(c => c.Formula == null, "nothing is a formula");
        var first = sheet[1];
        (first[0].Type, first[0].Text).Should().Be(("string", "Phường Cửa Nam"));
        (first[2].Type, first[2].Number()).Should().Be(("float", 1234));
        (first[3].Type, first[3].Number()).Should().Be(("float", -3.5), "a negative number is not neutralised");
        (first[4].Type, first[4].Number()).Should().Be(("percentage", 0.6275));
        (first[5].Type, first[5].Value).Should().Be(("date", "2026-11-01"));
        (first[6].Type, first[6].Value).Should().Be(("date", "2026-11-21T08:15:00"), "Hanoi time, day first");
        var hostile = sheet.Skip(2).ToList();
        hostile.Select(r => (r[0].Type, HostileTable.Literal(r[0].Text))).Should().Equal(
            HostileTable.FormulaTexts.Select(t => ((string?)"string", t.Replace("\r", "\n"))), "each text reads as written");
        hostile.Should().OnlyContain(r => r[3].Type == "float" && r[3].Number() == -0.25 && r[4].Type == "percentage" && r[4].Number() == -0.025);
    }

    [Fact]
    public async Task LibreOfficeUnderEnglishSettingsReadsTheEnglishCsvAlike()
    {
        var sheet = (await LibreOffice.OpenCsvAsync(CsvExport.Write(HostileTable.Build(), ExportLanguage.English), ',', LibreOffice.EnglishUs)).First;

        sheet.SelectMany(r => r).Should().OnlyContain(c => c.Formula == null);
        var first = sheet[1];
        (first[3].Type, first[3].Number()).Should().Be(("float", -3.5));
        (first[4].Type, first[4].Number()).Should().Be(("percentage", 0.6275));
        (first[5].Type, first[5].Value).Should().Be(("date", "2026-11-01"));
        (first[6].Type, first[6].Value).Should().Be(("date", "2026-11-21T08:15:00"));
        sheet.Skip(2).Select(r => HostileTable.Literal(r[0].Text)).Should().Equal(HostileTable.FormulaTexts.Select(t => t.Replace("\r", "\n")));
    }

    [Fact]
    public async Task AReaderThatKeepsQuotedFieldsAsTextKeepsCodesWhole()
    {
        var sheet = (await LibreOffice.OpenCsvAsync(CsvExport.Write(HostileTable.Build(), ExportLanguage.Vietnamese), ';', LibreOffice.Vietnamese, quotedAsText: true)).First;

        (sheet[1][1].Type, sheet[1][1].Text).Should().Be(("string", "00082"), "a ward code keeps its zeros");
        (sheet[2][1].Type, sheet[2][1].Text).Should().Be(("string", "1.001612"), "a procedure code is not a number");
        (sheet[1][2].Type, sheet[1][2].Number()).Should().Be(("float", 1234), "unquoted figures are still numbers");
    }

    private static string[] Lines(ExportTable table, ExportLanguage language) =>
        Encoding.UTF8.GetString(CsvExport.Write(table, language)[3..]).Split("\r\n");
}
