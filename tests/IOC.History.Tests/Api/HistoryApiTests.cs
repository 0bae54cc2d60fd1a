using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IOC.Domain.Time;

namespace IOC.History.Tests.Api;

/// <summary>
/// Figures through the whole app (embedded SQLite history): events posted, then read back per step, as a summary,
/// by channel and procedure, and exported. Every test class starts from an empty data directory.
/// </summary>
public sealed class HistoryApiTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));

    /// <summary>Two whole hours before the current one: every event below is in the past.</summary>
    private static readonly DateTimeOffset Hour = new DateTimeOffset(Now.Year, Now.Month, Now.Day, Now.Hour, 0, 0, Now.Offset).AddHours(-2);

    private readonly IocWebFactory _factory = new();
    private readonly HttpClient _client;

    public HistoryApiTests()
    {
        _client = _factory.CreateProducer();
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AKpiPerHourHasItsNumeratorAndDenominatorAndEmptyHoursHaveNone()
    {
        await PostDayAsync();

        var series = await GetAsync($"/api/v1/history/units/00082?kpi=dossier.onlineRate&from={Q(Hour)}&to={Q(Hour.AddHours(3))}&step=1h");

        var points = series["points"]!.AsArray();
        series["step"]!.GetValue<string>().Should().Be("1h");
        series["from"]!.GetValue<DateTimeOffset>().Should().Be(Hour);
        points.Select(p => p!["start"]!.GetValue<DateTimeOffset>()).Should().Equal(Hour, Hour.AddHours(1), Hour.AddHours(2));
        Figure(points[0]).Should().Be((66.67, 2.0, 3L));
        Figure(points[1]).Should().Be((0.0, 0.0, 1L));
        Figure(points[2]).Should().Be(((double?)null, 0.0, 0L));
    }

    [Fact]
    public async Task FiveMinuteStepsComeFromTheMinuteBuckets()
    {
        await PostDayAsync();

        var series = await GetAsync($"/api/v1/history/units/00082?kpi=dossier.received&from={Q(Hour)}&to={Q(Hour.AddMinutes(30))}&step=5m");

        series["points"]!.AsArray().Select(p => p!["value"]!.GetValue<double>()).Should().Equal(0, 0, 3, 0, 0, 0);
    }

    [Fact]
    public async Task TheSummaryComparesEveryKpiWithItsTargetThePreviousPeriodAndTheCity()
    {
        await PostDayAsync();

        var summary = await GetAsync($"/api/v1/history/units/00082/summary?from={Q(Hour)}&to={Q(Hour.AddHours(2))}");

        summary["previousFrom"]!.GetValue<DateTimeOffset>().Should().Be(Hour.AddHours(-2));
        summary["previousTo"]!.GetValue<DateTimeOffset>().Should().Be(Hour);
        var kpis = summary["kpis"]!.AsArray().ToDictionary(k => k!["id"]!.GetValue<string>(), k => k!);
        kpis.Should().HaveCount(30);
        var received = kpis["dossier.received"];
        received["value"]!["value"]!.GetValue<double>().Should().Be(4);
        received["previous"]!["value"]!.GetValue<double>().Should().Be(0);
        received["change"]!.GetValue<double>().Should().Be(4);
        received["city"]!["value"]!.GetValue<double>().Should().Be(5);
        var online = kpis["dossier.onlineRate"];
        J(online["value"]).Should().Be("""{"value":50,"numerator":2,"denominator":4}""");
        J(online["target"]).Should().Be("""{"direction":">=","value":60,"period":"year"}""");
        online["status"]!.GetValue<string>().Should().Be("missed");
        online["previous"]!["value"].Should().BeNull();
        online.AsObject().Should().NotContainKey("change");
        online["city"]!["value"]!.GetValue<double>().Should().Be(60);
        kpis["hotline.answerRate"]["value"]!["value"]!.GetValue<double>().Should().Be(100);
        kpis["dossier.openPending"]["live"]!.GetValue<bool>().Should().BeTrue();
        kpis["dossier.openPending"]["value"]!["value"]!.GetValue<double>().Should().Be(4);
    }

    [Fact]
    public async Task ARangeRunningIntoTheFutureIsComparedWithThePreviousPeriodCutAtTheSameTime()
    {
        await PostDayAsync();
        // Its own now, a minute from either midnight: the class's Now may be from before a local midnight this test runs after.
        var now = TestClock.InsideToday(TimeSpan.FromMinutes(1));
        var today = VietnamTime.StartOfDay(VietnamTime.LocalDate(now));

        var summary = await GetAsync($"/api/v1/history/units/00082/summary?from={Q(today)}&to={Q(today.AddDays(1))}");

        summary["previousFrom"]!.GetValue<DateTimeOffset>().Should().Be(today.AddDays(-1));
        var previousTo = summary["previousTo"]!.GetValue<DateTimeOffset>();
        previousTo.Should().BeBefore(today);
        previousTo.Should().BeOnOrAfter(now.AddDays(-1).AddHours(-1), "the previous day is read up to the same time of day (whole hour buckets)");
    }

    [Fact]
    public async Task DossiersAreBrokenDownByChannelAndByProcedure()
    {
        await PostDayAsync();

        var breakdown = await GetAsync($"/api/v1/history/units/00082/dossiers?from={Q(Hour)}&to={Q(Hour.AddHours(2))}");

        breakdown["received"]!.GetValue<long>().Should().Be(4);
        J(breakdown["byChannel"]).Should().Be(
            """[{"channel":"online","nameVi":"Trực tuyến","received":2,"share":50},{"channel":"in_person","nameVi":"Trực tiếp","received":1,"share":25},{"channel":"postal","nameVi":"Bưu chính","received":1,"share":25}]""");
        J(breakdown["byProcedure"]).Should().Be(
            """[{"procedure":"1.001612","received":4,"online":2,"inPerson":1,"postal":1,"completed":0,"completedLate":0,"onTimeRate":null,"name":null,"nameSource":null,"nameCitation":null}]""");
    }

    [Fact]
    public async Task TheSummaryExportsToExcelWithTheWardPagesRowsVietnameseHeadersAndRatesAsPercentages()
    {
        await PostDayAsync();

        var response = await _client.GetAsync($"/api/v1/history/units/00082/summary?from={Q(Hour)}&to={Q(Hour.AddHours(2))}&format=xlsx");
        var rows = ReadSheet(await response.Content.ReadAsByteArrayAsync());

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().StartWith("chi-so-00082-").And.EndWith(".xlsx");
        rows[0].Take(4).Select(c => c.Text).Should().Equal("Nhóm", "Mã chỉ số", "Chỉ số", "Giá trị");
        rows[0][7].Text.Should().Be("Chỉ tiêu", "the target is the chỉ tiêu, the KPI the chỉ số, as on the page");
        var online = rows.Single(r => r[1].Text == "dossier.onlineRate");
        (online[0].Text, online[2].Text).Should().Be(("Hồ sơ thủ tục hành chính", "Tỷ lệ hồ sơ trực tuyến"));
        (online[3].Text, online[3].IsNumber).Should().Be(("0.5", true), "50% stored as a share, formatted as a percentage");
        (online[6].Text, online[7].Text, online[8].Text).Should().Be(("≥", "0.6", "Chưa đạt"));
        rows.Skip(1).Select(r => r[1].Text).Should().NotContain(id => id.StartsWith("document."), "the ward page shows no document KPIs");
        rows.Should().HaveCount(28, "the 27 KPIs of the ward page's three groups and the header");
    }

    [Fact]
    public async Task TheBreakdownExportsToAVietnameseCsvWithATotalRow()
    {
        await PostDayAsync();

        var response = await _client.GetAsync($"/api/v1/history/units/00082/dossiers?from={Q(Hour)}&to={Q(Hour.AddHours(2))}&format=csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        response.Content.Headers.ContentType!.ToString().Should().Be("text/csv; charset=utf-8");
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        Encoding.UTF8.GetString(bytes[3..]).Split("\r\n").Should().Equal(
            "\"Thủ tục\";\"Tên thủ tục\";\"Nguồn tên thủ tục\";\"Tiếp nhận\";\"Trực tuyến\";\"Trực tiếp\";\"Bưu chính\";\"Đã giải quyết\";\"Giải quyết quá hạn\";\"Tỷ lệ đúng hạn\"",
            "\"1.001612\";;;4;2;1;1;0;0;",
            "\"Tổng cộng\";;;4;2;1;1;0;0;",
            "");
    }

    [Fact]
    public async Task OpenDossiersOverdueOrDueWithinADayAreListedWithDaysLate()
    {
        await _client.PostAsync(
            Dossier("late", Now.AddDays(-3), due: Now.AddHours(-30)),
            Dossier("soon", Now.AddDays(-1), due: Now.AddHours(5)),
            Dossier("later", Now.AddDays(-1), due: Now.AddDays(3)));

        var list = await GetAsync("/api/v1/open-dossiers/units/00082?sort=due&order=desc");
        var xlsx = ReadSheet(await _client.GetByteArrayAsync("/api/v1/open-dossiers/units/00082?format=xlsx"));

        (list["overdue"]!.GetValue<int>(), list["dueSoon"]!.GetValue<int>()).Should().Be((1, 1));
        var items = list["items"]!.AsArray();
        items.Select(i => i!["id"]!.GetValue<string>()).Should().Equal("D-soon", "D-late");
        items[1]!["status"]!.GetValue<string>().Should().Be("overdue");
        items[1]!["daysLate"]!.GetValue<int>().Should().Be(2, "30 hours late is into the second day");
        items[1]!["hoursLate"]!.GetValue<double>().Should().BeApproximately(30, 0.1);
        items[1]!["procedure"]!.GetValue<string>().Should().Be("1.001612");
        items[0]!["daysLate"]!.GetValue<int>().Should().Be(0);
        xlsx[0].Select(c => c.Text).Should().Equal("Mã hồ sơ", "Thủ tục", "Kênh tiếp nhận", "Ngày tiếp nhận", "Hạn xử lý", "Số ngày quá hạn", "Tình trạng");
        xlsx.Skip(1).Select(r => (r[0].Text, r[2].Text, r[5].Text, r[6].Text)).Should().Equal(("D-late", "Trực tiếp", "2", "Quá hạn"), ("D-soon", "Trực tiếp", "0", "Sắp đến hạn"));
    }

    /// <summary>Ward 00082: three dossiers at 10 past the first hour (two online), a postal one and a call in the second; one more online in 00070.</summary>
    private async Task PostDayAsync()
    {
        var answer = await (await _client.PostAsync(
            WireEvents.Received("a", Hour.AddMinutes(10), "online", fullProcess: true),
            WireEvents.Received("b", Hour.AddMinutes(10), "online"),
            WireEvents.Received("c", Hour.AddMinutes(10), "in_person"),
            WireEvents.Received("d", Hour.AddMinutes(70), "postal"),
            WireEvents.Received("e", Hour.AddMinutes(70), "online", unit: "00070"),
            WireEvents.Call("f", Hour.AddMinutes(75), answered: true, wait: 10, handle: 60))).Content.ReadFromJsonAsync<JsonObject>();
        answer!["accepted"]!.GetValue<int>().Should().Be(6);
    }

    private static JsonObject Dossier(string id, DateTimeOffset at, DateTimeOffset due)
    {
        var e = WireEvents.Received(id, at, "in_person");
        e["dueAt"] = WireEvents.Stamp(due);
        return e;
    }

    private async Task<JsonObject> GetAsync(string url)
    {
        var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static (double? Value, double? Numerator, long? Denominator) Figure(JsonNode? point) =>
        (point!["value"]?.GetValue<double>(), point["numerator"]?.GetValue<double>(), point["denominator"]?.GetValue<long>());

    private static string J(JsonNode? node) =>
        node!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static string Q(DateTimeOffset at) => Uri.EscapeDataString(WireEvents.Stamp(at));

    private static List<List<(string Text, bool IsNumber)>> ReadSheet(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var part = document.WorkbookPart!.WorksheetParts.First();
        return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c =>
            c.DataType?.Value == CellValues.InlineString ? (c.InlineString!.InnerText, false)
            : c.CellValue is null ? ("", false)
            : (c.CellValue.Text, c.DataType?.Value == CellValues.Number)).ToList()).ToList();
    }
}
