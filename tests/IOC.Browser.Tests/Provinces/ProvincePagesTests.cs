using System.Net.Http.Headers;
using IOC.Browser.Tests.Infrastructure;
using IOC.Domain.Seed;
using IOC.Domain.Units;
using IOC.Ingestion.Parsing;
using IOC.Ingestion.Simulation;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Provinces;

/// <summary>A Hải Phòng deployment (Ioc:Province=31) in Chromium: three hours of simulated traffic, then its pages.</summary>
public sealed class HaiPhongPagesTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private readonly HeadlessChromium _browser;
    private readonly ScopedFactory _app = new("31");
    private readonly Uri _address;

    public HaiPhongPagesTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheWallboardNamesHaiPhongRanksItsCommunesAndHasNoAgencyView()
    {
        await _app.PostSimulatedHoursAsync("31", hours: 3);

        var page = await _browser.OpenAsync(_address, "/?lang=vi", 1920, 1080);

        await Expect(page).ToHaveTitleAsync("Trung tâm điều hành thông minh — Thành phố Hải Phòng");
        await Expect(page.Locator(".subtitle")).ToContainTextAsync("Thành phố Hải Phòng");
        await Expect(page.Locator("#view-city-title")).ToHaveTextAsync("Toàn thành phố");
        await Expect(page.Locator(".view-agencies")).ToHaveCountAsync(0);
        await Expect(page.Locator("a[data-nav='briefing']")).ToHaveAttributeAsync("href", "api/v1/briefings/city/31?period=day&lang=vi");
        (await page.ContentAsync()).Should().NotContain("Hà Nội");
        await HeadlessChromium.WaitForCircuitAsync(page);
        await page.WaitForTimeoutAsync(1500);
        await HeadlessChromium.ScreenshotAsync(page, "haiphong-wallboard-1920");

        var phone = await _browser.OpenPhoneAsync(_address, "/?lang=vi");
        await HeadlessChromium.WaitForCircuitAsync(phone);
        await phone.WaitForTimeoutAsync(1500);
        var overflow = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await HeadlessChromium.ScreenshotAsync(phone, "haiphong-wallboard-390");

        overflow.Should().BeLessThanOrEqualTo(390, "nothing is wider than the phone");
    }

    [Fact]
    public async Task TheWallboardInEnglishSaysHaiPhongCity()
    {
        var page = await _browser.OpenAsync(_address, "/?lang=en", 1920, 1080);

        await Expect(page.Locator(".subtitle")).ToContainTextAsync("Hai Phong City");
        (await page.ContentAsync()).Should().NotContain("Hanoi");
    }
}

/// <summary>A national deployment (Ioc:Province=country) in Chromium: the country's ranking, a province, a commune, search.</summary>
public sealed class CountryPagesTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private readonly HeadlessChromium _browser;
    private readonly ScopedFactory _app = new("country");
    private readonly Uri _address;

    public CountryPagesTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("vi", "Xếp hạng 34 tỉnh, thành phố", "Đạt")]
    [InlineData("en", "Ranking of the 34 provinces", "Met")]
    public async Task TheCountryWallboardRanksThe34ProvincesWithStatusInWords(string lang, string title, string met)
    {
        using var producer = _app.CreateProducer();
        // Hải Phòng: 2 of 2 surveys satisfied (100%, met); Gia Lai: 1 of 2 (50%, missed); nobody else has any.
        await producer.PostOrFailAsync(
            WireEvents.Survey("s1", TestClock.RecentToday(2), "satisfied", unit: "11446"),
            WireEvents.Survey("s2", TestClock.RecentToday(2), "very_satisfied", unit: "11629"),
            WireEvents.Survey("s3", TestClock.RecentToday(2), "satisfied", unit: "21609"),
            WireEvents.Survey("s4", TestClock.RecentToday(2), "dissatisfied", unit: "21609"));

        var page = await _browser.OpenAsync(_address, $"/provinces?kpi=satisfaction.rate&lang={lang}", 1920, 1080);

        await Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await Expect(page.Locator("table.ranking-all tbody tr")).ToHaveCountAsync(34);
        var first = page.Locator("table.ranking-all tbody tr").First;
        await Expect(first).ToHaveAttributeAsync("data-unit", "31");
        await Expect(first.Locator(".rank")).ToHaveTextAsync("1");
        await Expect(first.Locator(".value")).ToHaveTextAsync("100%");
        await Expect(first.Locator(".status-text")).ToHaveTextAsync(met);
        var second = page.Locator("table.ranking-all tbody tr").Nth(1);
        await Expect(second).ToHaveAttributeAsync("data-unit", "52");
        await Expect(second.Locator(".value")).ToHaveTextAsync("50%");
        await Expect(page.Locator("table.ranking-all tbody tr").Nth(2).Locator(".rank")).ToHaveTextAsync("—");
        await Expect(page.Locator("a[data-kpi='satisfaction.rate']")).ToHaveAttributeAsync("aria-current", "true");
        await HeadlessChromium.ScreenshotAsync(page, $"country-provinces-{lang}");

        await first.Locator("a").ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync(lang == "vi" ? "Thành phố Hải Phòng" : "Hai Phong City");
        await Expect(page.Locator("table.ranking-all tbody tr")).ToHaveCountAsync(114);
        await HeadlessChromium.ScreenshotAsync(page, $"country-province-31-{lang}");
    }

    [Theory]
    [InlineData("vi", "Phường Phù Liễn", "Thành phố Hải Phòng")]
    [InlineData("en", "Phu Lien Ward", "Hai Phong City")]
    public async Task ACommunePageNamesTheCommuneAndComparesItWithItsProvince(string lang, string name, string province)
    {
        var page = await _browser.OpenAsync(_address, $"/wards/11446?lang={lang}", 1600, 1400);

        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("a[data-crumb='province']")).ToHaveTextAsync(province);
        await Expect(page.Locator(".kpi-table thead th").Nth(4)).ToHaveTextAsync(province);
        await HeadlessChromium.ScreenshotAsync(page, $"country-commune-11446-{lang}");
    }

    [Fact]
    public async Task SearchingAnLaoListsBothCommunesWithTheirProvince()
    {
        var page = await _browser.OpenAsync(_address, "/wards?q=an+lao&lang=vi", 1600, 1000);
        await HeadlessChromium.WaitForCircuitAsync(page);

        var matches = page.Locator("#ward-matches li");
        await Expect(matches.Nth(0)).ToHaveTextAsync("Xã An Lão · Thành phố Hải Phòng");
        await Expect(matches.Nth(1)).ToHaveTextAsync("Xã An Lão · Tỉnh Gia Lai");

        await page.Locator("#ward-search").FillAsync("phuong phu lien");
        await page.Locator("#ward-search").PressAsync("Enter");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Phường Phù Liễn");
    }
}

/// <summary>The app for one scope (<c>Ioc:Province</c>), able to post simulated traffic of that scope.</summary>
internal sealed class ScopedFactory(string scope) : IocWebFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        [DeploymentScope.Setting] = scope,
    };

    /// <summary>The simulator's traffic of the last hours for that scope (seed 14), posted as NDJSON.</summary>
    public async Task PostSimulatedHoursAsync(string province, int hours)
    {
        var units = SeedData.LoadUnits(SeedData.Locate(), DeploymentScope.Parse(province));
        var now = TestClock.RecentToday(1);
        var events = new TrafficGenerator(units, seed: 14, eventsPerSecond: 0.5).Generate(now.AddHours(-hours), now);
        using var producer = CreateProducer();
        foreach (var chunk in events.Chunk(5_000))
        {
            using var body = new ByteArrayContent(EventJson.ToNdjson(chunk));
            body.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            (await producer.PostAsync("/api/v1/events", body)).EnsureSuccessStatusCode();
        }
    }
}
