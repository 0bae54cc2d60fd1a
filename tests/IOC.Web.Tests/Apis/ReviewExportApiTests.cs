using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IOC.Tests.Shared;

namespace IOC.Web.Tests.Apis;

/// <summary>
/// The printable review through the whole app: document.processed events posted for two agencies this month, then
/// the month's review downloaded as PDF (read with pdftotext) and Excel (read with the Open XML SDK).
/// </summary>
public sealed class ReviewExportApiTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
    private static readonly string Month = Now.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private readonly IocWebFactory _factory = new();
    private readonly HttpClient _client;

    public ReviewExportApiTests()
    {
        _client = _factory.CreateProducer();
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ThePdfOfTheMonthNamesTheAgenciesAndTheirFigures()
    {
        await PostDocumentsAsync();

        var response = await _client.GetAsync($"/api/v1/review?period=month&value={Month}&format=pdf");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be($"danh-gia-cam-ket-{Month}.pdf");
        var text = Poppler.Text(await response.Content.ReadAsByteArrayAsync());
        text.Should().Contain("Báo cáo đánh giá thực hiện cam kết thi đua chuyển đổi số");
        text.Should().Contain("75% (3/4)").And.Contain("100% (2/2)").And.Contain("Chưa đạt").And.Contain("Đạt");
        text.Should().Contain("Văn phòng Thành ủy Hà Nội").And.Contain("Văn phòng Ủy ban nhân dân thành phố Hà Nội");
    }

    [Fact]
    public async Task LangEnGivesTheEnglishPdf()
    {
        await PostDocumentsAsync();

        var response = await _client.GetAsync($"/api/v1/review?period=month&value={Month}&format=pdf&lang=en");

        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be($"danh-gia-cam-ket-{Month}-en.pdf");
        var text = Poppler.Text(await response.Content.ReadAsByteArrayAsync());
        text.Should().Contain("Hanoi Party Committee Office").And.Contain("75% (3/4)").And.Contain("Missed");
    }

    [Fact]
    public async Task WithoutABrowserThePdfIsUnavailableAndTheAnswerSaysWhatToInstall()
    {
        using var factory = new NoBrowserFactory();
        using var client = factory.CreateProducer();

        var response = await client.GetAsync($"/api/v1/review?period=month&value={Month}&format=pdf");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        problem!["detail"]!.GetValue<string>().Should().Contain("sudo apt-get install chromium").And.Contain("Reports:Chromium");
        (await client.GetAsync($"/api/v1/review?period=month&value={Month}&format=xlsx")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheWorkbookOfTheMonthHasTheFiguresAsNumbersAndTheRatesAsShares()
    {
        await PostDocumentsAsync();

        var response = await _client.GetAsync($"/api/v1/review?period=month&value={Month}&format=xlsx");

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be($"danh-gia-cam-ket-{Month}.xlsx");
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var rows = document.WorkbookPart!.WorksheetParts.First().Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();
        var vptu = rows.Single(r => r[0].InnerText == "VPTU");
        (vptu[1].InnerText, vptu[5].CellValue!.Text, vptu[6].CellValue!.Text, vptu[7].CellValue!.Text).Should().Be(("Văn phòng Thành ủy Hà Nội", "0.75", "3", "4"));
        vptu[5].DataType!.Value.Should().Be(CellValues.Number);
        vptu[10].InnerText.Should().Be("Chưa đạt");
        rows.Single(r => r[0].InnerText == "VPUBND")[5].CellValue!.Text.Should().Be("1");
    }

    [Fact]
    public async Task AnUnknownFormatIsABadRequestNamingTheField()
    {
        var response = await _client.GetAsync("/api/v1/review?format=docx");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        problem!["field"]!.GetValue<string>().Should().Be("format");
        problem["detail"]!.GetValue<string>().Should().Contain("json, pdf or xlsx");
    }

    /// <summary>VPTU: 3 of 4 documents digital (75%); VPUBND: 2 of 2 (100%).</summary>
    private async Task PostDocumentsAsync()
    {
        var events = new[] { ("VPTU", true), ("VPTU", true), ("VPTU", true), ("VPTU", false), ("VPUBND", true), ("VPUBND", true) }
            .Select((d, i) =>
            {
                var e = WireEvents.Common($"doc-{i}", "document.processed", Now, unit: null, agency: d.Item1);
                e["digital"] = d.Item2;
                e["signedDigitally"] = d.Item2;
                return e;
            }).ToArray();
        var answer = await (await _client.PostAsync(events)).Content.ReadFromJsonAsync<JsonObject>();
        answer!["accepted"]!.GetValue<int>().Should().Be(6);
    }

    /// <summary>The app on a server where Reports:Chromium names a browser that is not there.</summary>
    private sealed class NoBrowserFactory : IocWebFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Reports:Chromium"] = "/nonexistent/chromium",
        };
    }
}
