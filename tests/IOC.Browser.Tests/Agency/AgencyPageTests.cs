using System.Text.RegularExpressions;
using IOC.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Agency;

/// <summary>The agency drill-down in Chromium against the app in memory, served on a loopback port.</summary>
public sealed class AgencyPageTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private const string Office = "VPUBND";

    private readonly HeadlessChromium _browser;
    private readonly IocWebFactory _app = new();
    private readonly Uri _address;

    public AgencyPageTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheAgencyPageShowsTodaysDigitalRateAndSevenDaysAddsTheOlderDocuments()
    {
        await PostTodayAndFourDaysAgoAsync();

        var page = await _browser.OpenAsync(_address, $"/agencies/{Office}", 1600, 2200);

        await Expect(page.Locator("h1")).ToHaveTextAsync("Văn phòng Ủy ban nhân dân thành phố Hà Nội");
        var processed = page.Locator("tr[data-kpi='document.processed'] .kpi-value");
        var digital = page.Locator("tr[data-kpi='document.digitalRate'] .kpi-value");
        var signed = page.Locator("tr[data-kpi='document.signedRate'] .kpi-value");
        await Expect(processed).ToHaveTextAsync("4");
        await Expect(digital).ToContainTextAsync("75%");
        await Expect(digital).ToContainTextAsync("3 / 4");
        await Expect(signed).ToContainTextAsync("50%");
        await Expect(page.Locator("tr[data-kpi='document.digitalRate'] .kpi-target")).ToHaveTextAsync("≥ 100%");
        await Expect(page.Locator("tr[data-kpi='document.digitalRate'] .status-text")).ToHaveTextAsync("Chưa đạt");
        await Expect(page.Locator(".kpi-table").First).ToHaveAttributeAsync("data-group", "document");
        await Expect(page.Locator(".kpi-table[data-group='hotline']")).ToHaveCountAsync(0);
        await Expect(page.Locator(".history-chart[data-group='document']")).ToHaveCountAsync(1);
        await Expect(page.Locator("a[data-crumb='review']")).ToHaveAttributeAsync("href", "review?lang=vi");
        await Expect(page.Locator($".agency-links a[data-agency='{Office}']")).ToHaveAttributeAsync("aria-current", "page");
        await HeadlessChromium.WaitForCircuitAsync(page);

        await page.Locator("a[data-range='7d']").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("range=7d"));
        await Expect(processed).ToHaveTextAsync("8");
        await Expect(digital).ToContainTextAsync("37,5%");
        await Expect(signed).ToContainTextAsync("25%");
        await Expect(page.Locator(".history-chart[data-group='document']")).ToHaveAttributeAsync("data-step", "1h");
        await Expect(page.Locator("[data-export='summary'] a[data-format='csv']"))
            .ToHaveAttributeAsync("href", new Regex($"^api/v1/history/agencies/{Office}/summary\\?from="));
        await HeadlessChromium.ScreenshotAsync(page, $"agency-{Office}");

        var csv = await page.Locator("[data-export='summary'] a[data-format='csv']").GetAttributeAsync("href");
        using var client = new HttpClient { BaseAddress = _address };
        var rows = await client.GetStringAsync(csv);
        rows.Split('\n').Should().Contain(l => l.Contains(";\"document.digitalRate\";", StringComparison.Ordinal) && l.Contains(";37,5%;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAgencyCardOnTheWallboardLinksToItsPage()
    {
        using var producer = _app.CreateProducer();
        await producer.PostOrFailAsync(WireEvents.Document("card-1", TestClock.RecentToday(2), Office, digital: true, signedDigitally: false));
        var page = await _browser.OpenAsync(_address, "/");
        await HeadlessChromium.WaitForCircuitAsync(page);

        await page.Locator($".agency[data-agency='{Office}'] a.agency-link").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/agencies/{Office}"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Văn phòng Ủy ban nhân dân");
        await Expect(page.Locator("tr[data-kpi='document.digitalRate'] .kpi-value")).ToContainTextAsync("100%");
    }

    [Fact]
    public async Task AnUnknownAgencyCodeSaysNotFoundAndOffersTheFourAgencies()
    {
        var page = await _browser.OpenAsync(_address, "/agencies/NOPE?lang=en");

        await Expect(page.Locator(".not-found")).ToHaveTextAsync("No agency with code NOPE.");
        await Expect(page.Locator(".agency-links a")).ToHaveCountAsync(4);
    }

    /// <summary>
    /// Today 4 documents: 3 digital (2 of them signed digitally), 1 on paper: 75% digital, 50% signed. Four days ago
    /// 4 more on paper, so over 7 days: 3 of 8 digital (37.5%), 2 of 8 signed (25%).
    /// </summary>
    private async Task PostTodayAndFourDaysAgoAsync()
    {
        var now = TestClock.RecentToday(2);
        var old = DateTimeOffset.UtcNow.AddDays(-4);
        using var producer = _app.CreateProducer();
        await producer.PostOrFailAsync(
            WireEvents.Document("new-1", now, Office, digital: true, signedDigitally: true),
            WireEvents.Document("new-2", now, Office, digital: true, signedDigitally: true),
            WireEvents.Document("new-3", now, Office, digital: true, signedDigitally: false),
            WireEvents.Document("new-4", now, Office, digital: false, signedDigitally: false),
            WireEvents.Document("old-1", old, Office, digital: false, signedDigitally: false),
            WireEvents.Document("old-2", old, Office, digital: false, signedDigitally: false),
            WireEvents.Document("old-3", old.AddMinutes(1), Office, digital: false, signedDigitally: false),
            WireEvents.Document("old-4", old.AddMinutes(1), Office, digital: false, signedDigitally: false));
    }
}
