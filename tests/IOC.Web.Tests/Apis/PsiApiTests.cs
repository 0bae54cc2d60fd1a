using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using IOC.Domain.Time;
using IOC.Tests.Shared;

namespace IOC.Web.Tests.Apis;

/// <summary>GET /api/v1/psi through the whole app: events posted, estimates and ranks read back. Each class its own inbox.</summary>
public sealed class PsiApiTests : IDisposable
{
    /// <summary>Two minutes ago; the custom period is that local day, so a month boundary cannot split the events.</summary>
    private static readonly DateTimeOffset At = VietnamTime.ToLocal(TestClock.RecentToday(2));

    private static readonly string Day = At.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private readonly IocWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task WardsAreEstimatedAndRankedOnTheScaledScoreWithBandCounts()
    {
        var client = _factory.CreateProducer();
        await client.PostEventsAsync(PsiTraffic.ThreeWards(At));

        var psi = await client.GetFromJsonAsync<JsonObject>($"/api/v1/psi?period=custom&from={Day}&to={Day}");

        psi!["period"]!.GetValue<string>().Should().Be("custom");
        psi["noteVi"]!.GetValue<string>().Should().Be("ƯỚC TÍNH — không phải kết quả chính thức của Bộ Nội vụ");
        var wards = psi["wards"]!.AsArray();
        wards.Should().HaveCount(126);
        Ward(wards, 0).Should().Be((1, PsiTraffic.Excellent, 64.0, 64, 100.0, "excellent"));
        Ward(wards, 1).Should().Be((2, PsiTraffic.Middle, 21.0, 42, 50.0, "middle"));
        Ward(wards, 2).Should().Be((3, PsiTraffic.Weak, 0.0, 42, 0.0, "weak"));
        wards[3]!["rank"].Should().BeNull();
        wards[3]!["band"].Should().BeNull();
        wards[0]!["name"]!.GetValue<string>().Should().Be("Phường Cửa Nam");
        var groups = wards[0]!["groups"]!.AsArray();
        groups.Select(g => (g!["group"]!.GetValue<string>(), g["source"]!.GetValue<string>())).Should().Equal(
            ("transparency", "not_measured"), ("progress", "feeds"), ("digitization", "feeds"), ("online_services", "feeds"), ("satisfaction", "not_measured"));
        groups[0]!["points"].Should().BeNull();
        groups[3]!["points"]!.GetValue<double>().Should().Be(22);
        var bands = psi["bands"]!;
        (bands["excellent"]!.GetValue<int>(), bands["middle"]!.GetValue<int>(), bands["weak"]!.GetValue<int>(), bands["unmeasured"]!.GetValue<int>())
            .Should().Be((1, 1, 1, 123));
        psi["agencies"]!.AsArray().Select(a => a!["code"]!.GetValue<string>()).Should().Equal("VPTU", "VPDDBQH-HDND", "VPUBND", "TTPVHCC");
        psi["groups"]!.AsArray().Select(g => g!["maxPoints"]!.GetValue<int>()).Should().Equal(18, 20, 22, 22, 18);
        psi["groups"]![1]!["formulaVi"]!.GetValue<string>().Should().Be("20 × (trước hạn + đúng hạn) / đã giải quyết");
    }

    [Fact]
    public async Task APeriodWithoutTheEventsMeasuresNothing()
    {
        var client = _factory.CreateProducer();
        await client.PostEventsAsync(PsiTraffic.ThreeWards(At));
        var yearBefore = At.Year - 1;

        var psi = await client.GetFromJsonAsync<JsonObject>($"/api/v1/psi?period=year&value={yearBefore}");

        psi!["labelVi"]!.GetValue<string>().Should().Be($"Năm {yearBefore}");
        psi["bands"]!["unmeasured"]!.GetValue<int>().Should().Be(126);
        psi["wards"]!.AsArray().Should().OnlyContain(w => w!["rank"] == null);
    }

    [Theory]
    [InlineData("period=week", "period")]
    [InlineData("period=month&value=2026-13", "value")]
    [InlineData("period=quarter", "value")]
    [InlineData("period=custom&from=2026-11-01", "to")]
    [InlineData("period=month&value=2026-11&format=pdf", "format")]
    public async Task ABadParameterIs400NamingTheField(string query, string field)
    {
        var response = await _factory.CreateClient().GetAsync($"/api/v1/psi?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["field"]!.GetValue<string>().Should().Be(field);
        problem["detail"]!.GetValue<string>().Should().StartWith(field);
    }

    [Fact]
    public async Task TheCsvHasVietnameseHeadersSemicolonsAndTheWardsInRankOrder()
    {
        var client = _factory.CreateProducer();
        await client.PostEventsAsync(PsiTraffic.ThreeWards(At));

        var response = await client.GetAsync($"/api/v1/psi?period=custom&from={Day}&to={Day}&format=csv");

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be($"psi-uoc-tinh-{Day.Replace("-", "")}-{Day.Replace("-", "")}.csv");
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(127);
        lines[0].Should().Be("\"Hạng\";\"Mã\";\"Phường, xã\";\"Công khai, minh bạch (18)\";\"Tiến độ, kết quả giải quyết (20)\";\"Số hóa hồ sơ (22)\";"
            + "\"Cung cấp dịch vụ trực tuyến (22)\";\"Mức độ hài lòng (18)\";\"Tổng điểm (ước tính)\";\"Trên số điểm đo được\";\"Quy đổi thang 100\";\"Xếp loại\";\"Ghi chú\"");
        lines[1].Should().Be("1;\"00082\";\"Phường Cửa Nam\";;20;22;22;;64;64;100;\"Xuất sắc\";\"ƯỚC TÍNH — không phải kết quả chính thức của Bộ Nội vụ\"");
        lines[2].Should().StartWith("2;\"00070\";\"Phường Hoàn Kiếm\";;10;11;;;21;42;50;\"Trung bình–khá\";");
        lines[4].Should().StartWith(";");
    }

    [Fact]
    public async Task TheExcelFileHasAWardSheetAndAnAgencySheet()
    {
        var client = _factory.CreateProducer();
        await client.PostEventsAsync(PsiTraffic.ThreeWards(At));

        var bytes = await client.GetByteArrayAsync($"/api/v1/psi?period=custom&from={Day}&to={Day}&format=xlsx");

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var workbook = document.WorkbookPart!;
        workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).Should().Equal("Phường, xã", "Cơ quan");
        var rows = workbook.WorksheetParts.First().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
        rows.Should().HaveCount(127);
        var first = rows[1].Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
        first[0].CellValue!.Text.Should().Be("1");
        first[2].InnerText.Should().Be("Phường Cửa Nam");
        first[10].CellValue!.Text.Should().Be("100");
    }

    [Fact]
    public async Task TransparencyEnteredInPsiManualCsvCountsForItsYear()
    {
        using var seed = new TempFolder("ioc-psi-seed-");
        foreach (var file in Directory.GetFiles(Seed.Directory, "*.csv"))
        {
            File.Copy(file, Path.Combine(seed.Path, Path.GetFileName(file)));
        }

        File.AppendAllText(Path.Combine(seed.Path, "psi-manual.csv"), $"00082,transparency,9,{At.Year},Kết quả đánh giá {At.Year}\n");
        using var factory = new SeedFactory(seed.Path);
        var client = factory.CreateProducer();
        await client.PostEventsAsync(PsiTraffic.ThreeWards(At));

        var psi = await client.GetFromJsonAsync<JsonObject>($"/api/v1/psi?period=custom&from={Day}&to={Day}");

        var cuaNam = psi!["wards"]!.AsArray().Single(w => w!["code"]!.GetValue<string>() == "00082")!;
        cuaNam["points"]!.GetValue<double>().Should().Be(73);
        cuaNam["measuredMax"]!.GetValue<int>().Should().Be(82);
        cuaNam["scaled"]!.GetValue<double>().Should().Be(89.02);
        cuaNam["band"]!.GetValue<string>().Should().Be("middle");
        cuaNam["groups"]![0]!["source"]!.GetValue<string>().Should().Be("manual");
        psi["groups"]![0]!["wardsManual"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public void ABadPsiManualRowStopsTheStartNamingFileLineAndField()
    {
        using var seed = new TempFolder("ioc-psi-seed-");
        foreach (var file in Directory.GetFiles(Seed.Directory, "*.csv"))
        {
            File.Copy(file, Path.Combine(seed.Path, Path.GetFileName(file)));
        }

        File.AppendAllText(Path.Combine(seed.Path, "psi-manual.csv"), "00082,satisfaction,9,2026,x\n");
        using var factory = new SeedFactory(seed.Path);

        var act = () => factory.CreateClient();

        act.Should().Throw<InvalidDataException>().WithMessage("psi-manual.csv line 2, field 'group': 'satisfaction' is measured from the feeds*");
    }

    private static (int?, string, double, int, double?, string?) Ward(JsonArray wards, int index)
    {
        var w = wards[index]!;
        return (w["rank"]?.GetValue<int>(), w["code"]!.GetValue<string>(), w["points"]!.GetValue<double>(), w["measuredMax"]!.GetValue<int>(),
            w["scaled"]?.GetValue<double>(), w["band"]?.GetValue<string>());
    }

    private sealed class SeedFactory(string seedDirectory) : IocWebFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["SeedData:Directory"] = seedDirectory,
        };
    }
}
