using System.Net;
using System.Text.Json;
using IOC.Domain.Time;
using SkiaSharp;

namespace IOC.Web.Tests.Charts;

/// <summary>
/// GET /api/v1/charts/...: events posted over three past days, the chart read back as a picture (size, colours) and as
/// SVG (its words), and every bad parameter answered with a 400 naming its field.
/// </summary>
public sealed class ChartsApiTests : IDisposable
{
    private static readonly DateOnly Today = VietnamTime.LocalDate(DateTimeOffset.UtcNow);
    private static readonly DateOnly First = Today.AddDays(-3);

    private readonly IocWebFactory _factory = new();
    private readonly HttpClient _client;

    public ChartsApiTests() => _client = _factory.CreateProducer();

    public void Dispose() => _factory.Dispose();

    private static string Range => $"from={First:yyyy-MM-dd}&to={Today:yyyy-MM-dd}&step=1d";

    [Fact]
    public async Task AWardsChartIsA1200By600PngWithItsLineAndItsTargetShownInPlace()
    {
        await PostThreeDaysAsync();

        var response = await _client.GetAsync($"/api/v1/charts/units/00082.png?kpi=dossier.onlineRate&{Range}");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline");
        response.Content.Headers.ContentDisposition.FileName.Should().Contain("00082-dossier.onlineRate");
        var png = await response.Content.ReadAsByteArrayAsync();
        SaveArtifact("chart-00082-online-rate", png);
        using var bitmap = SKBitmap.Decode(png);
        (bitmap.Width, bitmap.Height).Should().Be((1200, 600));
        Count(bitmap, SKColor.Parse("#0b5cab")).Should().BeGreaterThan(60, "two days with data are two blue dots, 8 px wide");
        Count(bitmap, SKColor.Parse("#2e7d32")).Should().BeGreaterThan(500, "the 60% target is a dashed green line");
    }

    [Fact]
    public async Task TheSvgIsTitledWithTheWardTheKpiAndThePeriodAndNamesTheTarget()
    {
        await PostThreeDaysAsync();

        var svg = await _client.GetStringAsync($"/api/v1/charts/units/00082.svg?kpi=dossier.onlineRate&{Range}");

        svg.Should().Contain("Phường Cửa Nam — Tỷ lệ hồ sơ trực tuyến");
        svg.Should().Contain($"{First:dd/MM/yyyy} – {Today.AddDays(-1):dd/MM/yyyy} · theo ngày");
        svg.Should().Contain("Chỉ tiêu ≥ 60%").And.Contain("100%").And.Contain("25%");
    }

    [Fact]
    public async Task InEnglishTheWordsAreEnglish()
    {
        await PostThreeDaysAsync();

        var svg = await _client.GetStringAsync($"/api/v1/charts/units/00082.svg?kpi=dossier.onlineRate&{Range}&lang=en");

        svg.Should().Contain("Online dossier rate").And.Contain("per day").And.Contain("Target ≥ 60%");
        svg.Should().NotContain("Chỉ tiêu");
    }

    [Fact]
    public async Task TheCityAndAnAgencyHaveChartsTooAndUnknownCodesAre404()
    {
        (await _client.GetAsync($"/api/v1/charts/city/01.png?kpi=dossier.received&{Range}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _client.GetAsync($"/api/v1/charts/agencies/VPUBND.png?kpi=document.digitalRate&{Range}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _client.GetAsync($"/api/v1/charts/city/02.png?kpi=dossier.received&{Range}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _client.GetAsync($"/api/v1/charts/units/99999.png?kpi=dossier.received&{Range}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("00082.png?from=2026-11-01&to=2026-11-02", "kpi")]
    [InlineData("00082.png?kpi=no.such.kpi&from=2026-11-01&to=2026-11-02", "kpi")]
    [InlineData("00082.png?kpi=dossier.overduePending&from=2026-11-01&to=2026-11-02", "kpi")]
    [InlineData("00082.png?kpi=dossier.received&to=2026-11-02", "from")]
    [InlineData("00082.png?kpi=dossier.received&from=2026-11-02&to=2026-11-01", "from")]
    [InlineData("00082.png?kpi=dossier.received&from=2026-11-01&to=yesterday", "to")]
    [InlineData("00082.png?kpi=dossier.received&from=2025-01-01&to=2026-11-01&step=5m", "step")]
    [InlineData("00082.png?kpi=dossier.received&from=2026-11-01&to=2026-11-02&step=2d", "step")]
    [InlineData("00082.png?kpi=dossier.received&from=2026-11-01&to=2026-11-02&lang=fr", "lang")]
    [InlineData("00082.gif?kpi=dossier.received&from=2026-11-01&to=2026-11-02", "format")]
    public async Task ABadParameterIsA400NamingItsField(string path, string field)
    {
        var response = await _client.GetAsync("/api/v1/charts/units/" + path);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("field").GetString().Should().Be(field, problem.GetProperty("detail").GetString());
    }

    // Day 1: two dossiers, both online (100%). Day 2: nothing (a gap). Day 3: one of four online (25%).
    private async Task PostThreeDaysAsync()
    {
        var day1 = VietnamTime.StartOfDay(First).AddHours(9);
        var day3 = VietnamTime.StartOfDay(First.AddDays(2)).AddHours(9);
        var response = await _client.PostAsync(
            WireEvents.Received("c-1", day1, "online"), WireEvents.Received("c-2", day1.AddMinutes(5), "online"),
            WireEvents.Received("c-3", day3, "online"), WireEvents.Received("c-4", day3, "in_person"),
            WireEvents.Received("c-5", day3, "in_person"), WireEvents.Received("c-6", day3, "postal"));
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    private static int Count(SKBitmap bitmap, SKColor color)
    {
        var count = 0;
        foreach (var pixel in bitmap.Pixels)
        {
            if (Math.Abs(pixel.Red - color.Red) + Math.Abs(pixel.Green - color.Green) + Math.Abs(pixel.Blue - color.Blue) <= 40)
            {
                count++;
            }
        }

        return count;
    }

    private static void SaveArtifact(string name, byte[] png)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppProcess.RepoRoot(), "artifacts", "charts")).FullName;
        File.WriteAllBytes(Path.Combine(folder, name + ".png"), png);
    }
}
