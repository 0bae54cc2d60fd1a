using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IOC.Web.Tests.Review;

/// <summary>
/// The competition review through the app: the events of <see cref="TwoReviewMonths"/> posted, then each month, a
/// custom span over both, a year and bad periods asked for. Every figure below is computed by hand from the events posted.
/// </summary>
public sealed class ReviewApiTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));

    private static readonly DateTimeOffset MonthA = TwoReviewMonths.MonthA;
    private static readonly DateTimeOffset MonthB = TwoReviewMonths.MonthB;

    private readonly IocWebFactory _factory = new();
    private readonly HttpClient _client;

    public ReviewApiTests() => _client = _factory.CreateProducer();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AMonthIsJudgedOnItsOwnEventsWithGapsInWordsAndTiedRanks()
    {
        await PostTwoMonthsAsync();

        var review = await GetAsync($"/api/v1/review?period=month&value={Month(MonthA)}");

        review["labelVi"]!.GetValue<string>().Should().Be($"Tháng {MonthA.Month}/{MonthA.Year}");
        review["running"]!.GetValue<bool>().Should().BeFalse();
        var vptu = Item(review, "VPTU", "document.digitalRate");
        (vptu["value"]!.GetValue<double>(), vptu["numerator"]!.GetValue<double>(), vptu["denominator"]!.GetValue<long>()).Should().Be((75.0, 3.0, 4L));
        vptu["status"]!.GetValue<string>().Should().Be("missed");
        vptu["gapItems"]!.GetValue<long>().Should().Be(1);
        vptu["gapVi"]!.GetValue<string>().Should().Be("Cần thêm 1 văn bản xử lý trên môi trường số để đạt 100%");
        Ranks(review, "document.digitalRate").Should().Equal(("VPTU", 3), ("VPDDBQH-HDND", 1), ("VPUBND", 1));
        vptu["rankedOf"]!.GetValue<int>().Should().Be(3);

        var full = Item(review, "TTPVHCC", "dossier.fullProcessOnlineRate");
        (full["value"]!.GetValue<double>(), full["gapVi"]!.GetValue<string>()).Should().Be((80.0, "Cần thêm 1 hồ sơ trực tuyến toàn trình để đạt 100%"));
        var satisfaction = Item(review, "TTPVHCC", "satisfaction.rate");
        (satisfaction["status"]!.GetValue<string>(), satisfaction["rank"]).Should().Be(("none", (JsonNode?)null));
        satisfaction["gapVi"]!.GetValue<string>().Should().Be("Chưa có dữ liệu trong kỳ");

        // Attainment: VPTU 75; the two full offices 100; the Service Center mean(80/100, 100/100) = 90, no data not counted.
        Overall(review).Should().Equal(("VPTU", 4, 75.0), ("VPDDBQH-HDND", 1, 100.0), ("VPUBND", 1, 100.0), ("TTPVHCC", 3, 90.0));
    }

    [Fact]
    public async Task TheNextMonthHasOtherFiguresAndAnAgencyWithoutDataIsNotRanked()
    {
        await PostTwoMonthsAsync();

        var review = await GetAsync($"/api/v1/review?period=month&value={Month(MonthB)}");

        Ranks(review, "document.digitalRate").Should().Equal(("VPTU", 1), ("VPDDBQH-HDND", null), ("VPUBND", 2));
        Item(review, "VPUBND", "document.digitalRate")["gapVi"]!.GetValue<string>().Should().Be("Cần thêm 1 văn bản xử lý trên môi trường số để đạt 100%");
        Item(review, "TTPVHCC", "satisfaction.rate")["status"]!.GetValue<string>().Should().Be("met", "19 of 20 is exactly 95%");
        Overall(review).Should().Equal(("VPTU", 1, 100.0), ("VPDDBQH-HDND", null, null), ("VPUBND", 2, 90.0), ("TTPVHCC", 3, 83.33));
    }

    [Fact]
    public async Task ACustomPeriodOverBothMonthsAddsThemUpAndTrendsHaveADayEach()
    {
        await PostTwoMonthsAsync();
        var from = DateOnly.FromDateTime(MonthA.Date);
        var to = DateOnly.FromDateTime(MonthB.Date);

        var review = await GetAsync($"/api/v1/review?period=custom&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");

        var vptu = Item(review, "VPTU", "document.digitalRate");
        (vptu["numerator"]!.GetValue<double>(), vptu["denominator"]!.GetValue<long>()).Should().Be((5.0, 6L));
        var trend = vptu["trend"]!.AsArray();
        trend.Should().HaveCount(to.DayNumber - from.DayNumber + 1);
        trend[0]!["value"]!.GetValue<double>().Should().Be(75);
        trend[^1]!["value"]!.GetValue<double>().Should().Be(100);
        trend.Skip(1).SkipLast(1).Should().OnlyContain(p => p!["value"] == null);
    }

    [Fact]
    public async Task AYearHasOneTrendPointPerMonth()
    {
        await PostTwoMonthsAsync();

        var review = await GetAsync($"/api/v1/review?period=year&value={MonthA.Year}");

        var trend = Item(review, "VPTU", "document.digitalRate")["trend"]!.AsArray();
        trend.Select(p => Start(p!).Day).Should().OnlyContain(d => d == 1);
        trend.Should().Contain(p => Start(p!) == new DateOnly(MonthA.Year, MonthA.Month, 1) && p!["value"]!.GetValue<double>() == 75);
    }

    [Theory]
    [InlineData("period=week", "period", "must be month, quarter, year or custom")]
    [InlineData("period=month&value=2026-13", "value", "'2026-13' is not yyyy-MM")]
    [InlineData("period=quarter&value=2026-Q5", "value", "'2026-Q5' is not yyyy-Qn")]
    [InlineData("period=year", "value", "is required")]
    [InlineData("period=custom&from=2026-11-01", "to", "is required")]
    [InlineData("period=custom&from=2026-11-10&to=2026-11-01", "to", "must not be before from")]
    [InlineData("period=custom&from=2025-01-01&to=2026-11-01", "to", "at most 366 days")]
    [InlineData("format=docx", "format", "format must be")]
    public async Task ABadPeriodIsA400NamingTheField(string query, string field, string reason)
    {
        var response = await _client.GetAsync("/api/v1/review?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        problem!["field"]!.GetValue<string>().Should().Be(field);
        problem["detail"]!.GetValue<string>().Should().Contain(reason);
    }

    [Fact]
    public async Task NoPeriodMeansTheCurrentMonthStillRunning()
    {
        var review = await GetAsync("/api/v1/review");

        (review["period"]!.GetValue<string>(), review["value"]!.GetValue<string>(), review["running"]!.GetValue<bool>())
            .Should().Be(("month", $"{Now:yyyy-MM}", true));
        review["agencies"]!.AsArray().Select(a => a!["code"]!.GetValue<string>()).Should().Equal("VPTU", "VPDDBQH-HDND", "VPUBND", "TTPVHCC");
    }

    private async Task PostTwoMonthsAsync()
    {
        var events = TwoReviewMonths.Events();
        var answer = await (await _client.PostAsync(events)).Content.ReadFromJsonAsync<JsonObject>();
        answer!["accepted"]!.GetValue<int>().Should().Be(events.Length, answer.ToJsonString());
    }

    private async Task<JsonObject> GetAsync(string path)
    {
        var response = await _client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static DateOnly Start(JsonNode point) => DateOnly.Parse(point["start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    private static string Month(DateTimeOffset at) => $"{at:yyyy-MM}";

    private static JsonObject Item(JsonObject review, string agency, string kpi) =>
        Agency(review, agency)["items"]!.AsArray().Single(i => i!["kpi"]!.GetValue<string>() == kpi)!.AsObject();

    private static JsonObject Agency(JsonObject review, string agency) =>
        review["agencies"]!.AsArray().Single(a => a!["code"]!.GetValue<string>() == agency)!.AsObject();

    private static IEnumerable<(string, int?)> Ranks(JsonObject review, string kpi) =>
        review["agencies"]!.AsArray()
            .Where(a => a!["items"]!.AsArray().Any(i => i!["kpi"]!.GetValue<string>() == kpi))
            .Select(a => (a!["code"]!.GetValue<string>(), Item(a.AsObject(), kpi)));

    private static int? Item(JsonObject agency, string kpi) =>
        agency["items"]!.AsArray().Single(i => i!["kpi"]!.GetValue<string>() == kpi)!["rank"]?.GetValue<int>();

    private static IEnumerable<(string, int?, double?)> Overall(JsonObject review) =>
        review["agencies"]!.AsArray().Select(a => (a!["code"]!.GetValue<string>(), a["rank"]?.GetValue<int>(), a["attainment"]?.GetValue<double>()));
}
