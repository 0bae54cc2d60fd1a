using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IOC.Tests.Shared;

namespace IOC.Web.Tests.Exports;

/// <summary>
/// The drill-down downloads as a Vietnamese office opens them (docs/exports.md): posted through the events API, then
/// opened in LibreOffice with Vietnamese (or, for lang=en, English) settings, and read back cell by cell.
/// </summary>
public sealed class ExportConventionsTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));

    /// <summary>Two whole hours before the current one; the previous period is the two hours before it.</summary>
    private static readonly DateTimeOffset Hour = new DateTimeOffset(Now.Year, Now.Month, Now.Day, Now.Hour, 0, 0, Now.Offset).AddHours(-2);

    private readonly IocWebFactory _factory = new();
    private readonly HttpClient _client;

    public ExportConventionsTests()
    {
        _client = _factory.CreateProducer();
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task TheVietnameseSummaryOpensWithRatesAsPercentagesANegativeChangeAsANumberAndTheWardPagesRowsOnly()
    {
        await PostTwoPeriodsAsync();

        var response = await _client.GetAsync(Summary("csv"));
        var sheet = (await LibreOffice.OpenCsvAsync(await response.Content.ReadAsByteArrayAsync(), ';', LibreOffice.Vietnamese)).First;

        response.Content.Headers.ContentDisposition!.FileNameStar.Should().StartWith("chi-so-00082-").And.EndWith(".csv");
        sheet[0].Select(c => c.Text).Should().Equal(
            "Nhóm", "Mã chỉ số", "Chỉ số", "Giá trị", "Tử số", "Mẫu số", "Chiều", "Chỉ tiêu", "Đánh giá", "Kỳ trước", "Thay đổi (điểm % với tỷ lệ)", "Toàn thành phố");
        var online = sheet.Single(r => r[1].Text == "dossier.onlineRate");
        online[0].Text.Should().Be("Hồ sơ thủ tục hành chính");
        (online[3].Type, online[3].Number()).Should().Be(("percentage", 0.5), "1 of 2 online, read as 50%");
        (online[4].Type, online[4].Number(), online[5].Number()).Should().Be(("float", 1, 2));
        (online[6].Text, online[7].Type, online[7].Number()).Should().Be(("≥", "percentage", 0.6));
        online[8].Text.Should().Be("Chưa đạt");
        (online[9].Type, online[9].Number()).Should().Be(("percentage", 1), "both dossiers of the previous period were online");
        (online[10].Type, online[10].Number()).Should().Be(("float", -50), "a fall of 50 percentage points stays a negative number, not text");
        var received = sheet.Single(r => r[1].Text == "dossier.received");
        (received[3].Type, received[3].Number()).Should().Be(("float", 2));
        (received[7].Type, received[8].Text).Should().Be((null, "Không có chỉ tiêu"));
        sheet.Skip(1).Select(r => r[0].Text).Distinct().Should().Equal("Hồ sơ thủ tục hành chính", "Tổng đài 1022", "Mức độ hài lòng");
        sheet.Should().HaveCount(28, "the 27 KPIs of the ward page and the header; the document KPIs the page does not show are not exported");
        sheet.SelectMany(r => r).Should().OnlyContain(c => c.Formula == null);
    }

    [Fact]
    public async Task TheEnglishSummaryKeepsInvariantFormatsAndEnglishWords()
    {
        await PostTwoPeriodsAsync();

        var response = await _client.GetAsync(Summary("csv") + "&lang=en");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var sheet = (await LibreOffice.OpenCsvAsync(bytes, ',', LibreOffice.EnglishUs)).First;

        response.Content.Headers.ContentDisposition!.FileNameStar.Should().EndWith("-en.csv");
        Encoding.UTF8.GetString(bytes).Should().Contain("\"Administrative dossiers\",\"dossier.onlineRate\",\"Online dossier rate\",50%,1,2,\"≥\",60%,\"Missed\",100%,-50,");
        sheet[0].Take(4).Select(c => c.Text).Should().Equal("Group", "KPI id", "KPI", "Value");
        var online = sheet.Single(r => r[1].Text == "dossier.onlineRate");
        (online[3].Type, online[3].Number(), online[10].Number()).Should().Be(("percentage", 0.5, -50));
    }

    [Fact]
    public async Task TheOpenDossierWorkbookHasChannelsInWordsAndTimesAsHanoiDates()
    {
        var received = Now.AddDays(-3);
        var dossier = WireEvents.Received("late", received, "in_person");
        dossier["dueAt"] = WireEvents.Stamp(Now.AddHours(-30));
        (await (await _client.PostAsync(dossier)).Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>().Should().Be(1);

        var sheet = (await LibreOffice.OpenXlsxAsync(await _client.GetByteArrayAsync("/api/v1/open-dossiers/units/00082?format=xlsx"))).First;
        var csv = (await LibreOffice.OpenCsvAsync(await _client.GetByteArrayAsync("/api/v1/open-dossiers/units/00082?format=csv"), ';', LibreOffice.Vietnamese)).First;

        var local = received.ToOffset(TimeSpan.FromHours(7));
        foreach (var rows in new[] { sheet, csv })
        {
            var row = rows[1];
            (row[0].Text, row[2].Text, row[6].Text).Should().Be(("D-late", "Trực tiếp", "Quá hạn"), "the channel and status in words, as the page says them");
            row[3].Type.Should().Be("date");
            DateTime.Parse(row[3].Value!, CultureInfo.InvariantCulture).Should().BeCloseTo(local.DateTime, TimeSpan.FromMinutes(1), "the day and time in Hanoi");
            (row[5].Type, row[5].Number()).Should().Be(("float", 2));
        }
    }

    [Fact]
    public async Task AnAgencysSummaryHoldsOnlyTheGroupsItsPageShows()
    {
        var document = WireEvents.Document("doc-1", Hour.AddMinutes(20), "VPTU", digital: true);
        (await (await _client.PostAsync(document)).Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>().Should().Be(1);

        var bytes = await _client.GetByteArrayAsync($"/api/v1/history/agencies/VPTU/summary?from={Q(Hour)}&to={Q(Hour.AddHours(2))}&format=csv");
        var sheet = (await LibreOffice.OpenCsvAsync(bytes, ';', LibreOffice.Vietnamese)).First;

        sheet.Skip(1).Select(r => r[0].Text).Distinct().Should().Equal(
            ["Văn bản, hồ sơ công việc", "Hồ sơ thủ tục hành chính"], "documents first; dossiers have agency targets; no hotline or satisfaction figures or targets");
        var digital = sheet.Single(r => r[1].Text == "document.digitalRate");
        (digital[3].Type, digital[3].Number()).Should().Be(("percentage", 1));
    }

    [Theory]
    [InlineData("/api/v1/history/units/00082/summary?from=2026-11-01&to=2026-11-02&format=csv&lang=fr")]
    [InlineData("/api/v1/open-dossiers/units/00082?format=csv&lang=fr")]
    [InlineData("/api/v1/psi?format=csv&lang=fr")]
    [InlineData("/api/v1/review?format=xlsx&lang=fr")]
    public async Task AnUnknownLanguageIsABadRequestNamingTheField(string url)
    {
        var response = await _client.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        problem!["field"]!.GetValue<string>().Should().Be("lang");
        problem["detail"]!.GetValue<string>().Should().Contain("vi or en");
    }

    [Fact]
    public async Task TheEnglishReviewWorkbookHasEnglishSheetsAndWords()
    {
        var response = await _client.GetAsync("/api/v1/review?format=xlsx&lang=en");
        var sheets = await LibreOffice.OpenXlsxAsync(await response.Content.ReadAsByteArrayAsync());

        response.Content.Headers.ContentDisposition!.FileNameStar.Should().EndWith("-en.xlsx");
        sheets.Names.Should().Equal("Commitments", "Ranking", "Trend");
        sheets["Ranking"][0].Select(c => c.Text).Should().Contain("Attainment").And.Contain("Commitments met");
    }

    /// <summary>
    /// Ward 00082. Previous period (the two hours before <see cref="Hour"/>): two dossiers, both online. This period:
    /// two, one online: the online rate falls from 100% to 50%.
    /// </summary>
    private async Task PostTwoPeriodsAsync()
    {
        var answer = await (await _client.PostAsync(
            WireEvents.Received("p1", Hour.AddMinutes(-90), "online"),
            WireEvents.Received("p2", Hour.AddMinutes(-60), "online"),
            WireEvents.Received("c1", Hour.AddMinutes(10), "online"),
            WireEvents.Received("c2", Hour.AddMinutes(20), "in_person"))).Content.ReadFromJsonAsync<JsonObject>();
        answer!["accepted"]!.GetValue<int>().Should().Be(4);
    }

    private static string Summary(string format) => $"/api/v1/history/units/00082/summary?from={Q(Hour)}&to={Q(Hour.AddHours(2))}&format={format}";

    private static string Q(DateTimeOffset at) => Uri.EscapeDataString(WireEvents.Stamp(at));
}
