using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using IOC.Domain.Time;
using IOC.Tests.Shared;
using SkiaSharp;

namespace IOC.Web.Tests.Briefings;

/// <summary>
/// GET /api/v1/briefings/...: yesterday's dossiers of three wards, the briefing printed by the real Chromium and read
/// back (PDF text with pdftotext, its pictures with pdfimages, the PNG's size and colours). Worked out by hand:
/// Cửa Nam 3 of 4 online (75%, target ≥ 60%: Đạt), 2 of 2 completed on time (100%); Ba Đình 1 of 2 on time (50%);
/// a third ward 0 of 1 (0%). The city: 3 of 6 received online = 50% (Chưa đạt), 3 of 5 on time = 60%.
/// </summary>
public sealed class BriefingsApiTests : IDisposable
{
    private static readonly DateOnly Yesterday = VietnamTime.LocalDate(DateTimeOffset.UtcNow).AddDays(-1);
    private static readonly string Third = Seed.Units.Wards.First(w => w.Code is not ("00082" or "00004")).Code;

    private readonly IocWebFactory _factory = new();
    private readonly HttpClient _client;

    public BriefingsApiTests() => _client = _factory.CreateProducer();

    public void Dispose() => _factory.Dispose();

    private static string Day => $"period=day&date={Yesterday:yyyy-MM-dd}";

    [Fact]
    public async Task TheCitysDayIsOneA4PortraitPageWithItsKpisStatusInWordsChartsAndItsWeakestWards()
    {
        await PostYesterdayAsync();

        var response = await _client.GetAsync($"/api/v1/briefings/city/01?{Day}");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        SaveArtifact("briefing-city-day.pdf", pdf);
        var info = Poppler.Info(pdf);
        info.Should().Contain("Pages:           1").And.Contain("594.96 x 841.92 pts (A4)", "A4 portrait: taller than wide");
        var text = Poppler.Flat(Poppler.Text(pdf));
        text.Should().Contain("Bản tin điều hành: Thành phố Hà Nội").And.Contain($"Ngày {Yesterday:dd/MM/yyyy}");
        text.Should().Contain("Tỷ lệ hồ sơ trực tuyến 50% ≥ 60% ✖ Chưa đạt");
        text.Should().Contain("Tỷ lệ giải quyết đúng hạn 60% ≥ 100% ✖ Chưa đạt");
        text.Should().Contain("Năm phường, xã yếu nhất");
        var weakest = Poppler.Text(pdf, "-raw");
        var order = new[] { Seed.Units.Wards.First(w => w.Code == Third).Name, "Phường Ba Đình", "Phường Cửa Nam" }.Select(n => weakest.IndexOf(n, StringComparison.Ordinal));
        order.Should().NotContain(-1).And.BeInAscendingOrder("weakest first: 0%, 50%, 100%");
        text.Should().Contain("0% (0/1)").And.Contain("50% (1/2)").And.Contain("123 phường, xã chưa có số liệu");
        Poppler.Images(pdf).Should().HaveCount(3, "two KPI charts and the weakest wards' bars");
    }

    [Fact]
    public async Task AWardsBriefingComparesWithThePreviousDayAndPhotographsAsAPngForAPhone()
    {
        await PostYesterdayAsync();

        var pdf = await _client.GetByteArrayAsync($"/api/v1/briefings/units/00082?{Day}");
        var response = await _client.GetAsync($"/api/v1/briefings/units/00082?{Day}&format=png");

        var text = Poppler.Flat(Poppler.Text(pdf));
        text.Should().Contain("Bản tin điều hành: Phường Cửa Nam");
        text.Should().Contain("Tỷ lệ hồ sơ trực tuyến 75% ≥ 60% ✔ Đạt Kỳ trước chưa có số liệu");
        text.Should().Contain("Tỷ lệ giải quyết đúng hạn 100% ≥ 100% ✔ Đạt");
        text.Should().NotContain("Năm phường, xã yếu nhất", "only the city's briefing ranks wards");
        Poppler.Images(pdf).Should().HaveCount(3, "three KPI charts");
        response.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        var png = await response.Content.ReadAsByteArrayAsync();
        SaveArtifact("briefing-00082-day.png", png);
        using var bitmap = SKBitmap.Decode(png);
        (bitmap.Width, bitmap.Height).Should().Be((1588, 2246), "A4 portrait at twice 96 dpi: sharp when a phone zooms in");
        bitmap.Pixels.Count(p => Near(p, SKColor.Parse("#1b7f3b"))).Should().BeGreaterThan(200, "the green ✔ Đạt of the met KPIs");
    }

    [Fact]
    public async Task InEnglishTheBriefingSpeaksEnglish()
    {
        await PostYesterdayAsync();

        var pdf = await _client.GetByteArrayAsync($"/api/v1/briefings/units/00082?{Day}&lang=en");

        var text = Poppler.Flat(Poppler.Text(pdf));
        text.Should().Contain("Operations briefing: Cua Nam Ward").And.Contain("Headline KPIs against their targets");
        text.Should().Contain("Online dossier rate 75% ≥ 60% ✔ Met");
        text.Should().NotContain("Chỉ tiêu");
    }

    [Fact]
    public async Task AnAgencyHasABriefingAndAnUnknownCodeIs404()
    {
        (await _client.GetAsync($"/api/v1/briefings/agencies/TTPVHCC?{Day}&format=png")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _client.GetAsync($"/api/v1/briefings/units/99999?{Day}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _client.GetAsync($"/api/v1/briefings/city/02?{Day}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("period=year", "period")]
    [InlineData("date=2026-13-01", "date")]
    [InlineData("date=2999-01-01", "date")]
    [InlineData("format=docx", "format")]
    [InlineData("lang=fr", "lang")]
    public async Task ABadParameterIsA400NamingItsField(string query, string field)
    {
        var response = await _client.GetAsync("/api/v1/briefings/units/00082?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("field").GetString().Should().Be(field, problem.GetProperty("detail").GetString());
    }

    private async Task PostYesterdayAsync()
    {
        var at = VietnamTime.StartOfDay(Yesterday).AddHours(8);
        var response = await _client.PostAsync(
            WireEvents.Received("b-1", at, "online"), WireEvents.Received("b-2", at, "online"),
            WireEvents.Received("b-3", at, "online"), WireEvents.Received("b-4", at, "in_person"),
            Completed("b-1", at.AddHours(2), due: at.AddHours(5)), Completed("b-2", at.AddHours(2), due: at.AddHours(5)),
            WireEvents.Received("b-5", at, "in_person", unit: "00004"), WireEvents.Received("b-6", at, "in_person", unit: "00004"),
            Completed("b-5", at.AddHours(2), due: at.AddHours(5), unit: "00004"), Completed("b-6", at.AddHours(6), due: at.AddHours(5), unit: "00004"),
            Completed("b-7", at.AddHours(6), due: at.AddHours(5), unit: Third));
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A dossier completed at <paramref name="at"/>, due at <paramref name="due"/> (late when after it).</summary>
    private static JsonObject Completed(string id, DateTimeOffset at, DateTimeOffset due, string unit = "00082")
    {
        var e = WireEvents.Common(id + "-done", "dossier.completed", at, unit, null);
        e["dossierId"] = "D-" + id;
        e["dueAt"] = WireEvents.Stamp(due);
        e["completedAt"] = WireEvents.Stamp(at);
        e["resultDigitized"] = true;
        e["feePaidOnline"] = null;
        return e;
    }

    private static bool Near(SKColor pixel, SKColor color) =>
        Math.Abs(pixel.Red - color.Red) + Math.Abs(pixel.Green - color.Green) + Math.Abs(pixel.Blue - color.Blue) <= 40;

    private static void SaveArtifact(string name, byte[] bytes)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppProcess.RepoRoot(), "artifacts", "briefings")).FullName;
        File.WriteAllBytes(Path.Combine(folder, name), bytes);
    }
}
