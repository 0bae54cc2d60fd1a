using IOC.Browser.Tests.Infrastructure;
using IOC.Domain.Time;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Ward;

/// <summary>How an analyst moves around the ward page: today's chart, typed dates, the search box's Enter.</summary>
public sealed class WardEntryTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private readonly HeadlessChromium _browser;
    private readonly IocWebFactory _app = new();
    private readonly Uri _address;

    public WardEntryTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TodaysTrendSpansOneDayAndItsSinglePointIsVisible()
    {
        using var producer = _app.CreateProducer();
        await producer.PostOrFailAsync(WireEvents.Received("today-1", TestClock.RecentToday(6), channel: "online", unit: "00082"));
        var page = await _browser.OpenAsync(_address, "/wards/00082", 1600, 1400);
        await HeadlessChromium.WaitForCircuitAsync(page);
        var chart = page.Locator(".history-chart[data-group='dossier']");
        await Expect(chart).ToHaveAttributeAsync("data-step", "5m");
        await page.WaitForTimeoutAsync(1000);

        var labels = await chart.Locator(".rz-category-axis .rz-tick-text").AllTextContentsAsync();
        var markers = await chart.EvaluateAsync<int>("""
            c => [...c.querySelectorAll('svg *')].filter(e => /marker/.test(e.getAttribute('class') || ''))
                   .map(e => e.getBoundingClientRect()).filter(r => r.width > 3 && r.height > 3).length
            """);

        await chart.ScreenshotAsync(new() { Path = Path.Combine(HeadlessChromium.ScreenshotDir, "ward-today-single-point.png") });
        labels.Should().Equal("00:00", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00", "24:00");
        markers.Should().BeGreaterThan(0, "a day's only point is drawn as a dot");
    }

    [Fact]
    public async Task TheCustomRangeIsTypedDayFirstEvenInAnAmericanBrowser()
    {
        var today = VietnamTime.LocalDate(DateTimeOffset.UtcNow);
        var context = await _browser.Chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", TimezoneId = "America/New_York" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_address, "/wards/00082?lang=vi").ToString());

        var from = page.Locator("form.range-custom input[name='from']");
        await Expect(from).ToHaveValueAsync(today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(from).ToHaveAttributeAsync("placeholder", "dd/mm/yyyy");
        await Expect(from).ToHaveAttributeAsync("type", "text");
        await HeadlessChromium.WaitForCircuitAsync(page);

        var first = today.AddDays(-2);
        await from.FillAsync(first.ToString("d/M/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("form.range-custom button[type='submit']").ClickAsync();

        await Expect(page.Locator(".kpis")).ToHaveAttributeAsync("data-range", "custom");
        await Expect(page.Locator(".kpis")).ToHaveAttributeAsync("data-from", first.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(from).ToHaveValueAsync(first.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ADayThatDoesNotExistIsReportedNamingTheField()
    {
        var page = await _browser.OpenAsync(_address, "/wards/00082?range=custom&from=31/02/2026&to=03/03/2026");

        await Expect(page.Locator(".error[data-field='from']")).ToHaveTextAsync("Khoảng thời gian không hợp lệ — Từ ngày: “31/02/2026” không phải một ngày (dd/mm/yyyy); đang hiển thị hôm nay.");
        await Expect(page.Locator("form.range-custom input[name='from']")).ToHaveValueAsync("31/02/2026");
        await Expect(page.Locator("form.range-custom input[name='from']")).ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task TheReviewsCustomPeriodIsTypedDayFirstToo()
    {
        var page = await _browser.OpenAsync(_address, "/review?period=custom&from=2026-10-05&to=2026-11-04");
        await Expect(page.Locator("form[data-form='custom'] input[name='from']")).ToHaveValueAsync("05/10/2026");
        await HeadlessChromium.WaitForCircuitAsync(page);

        await page.Locator("form[data-form='custom'] input[name='from']").FillAsync("01/10/2026");
        await page.Locator("form[data-form='custom'] button[type='submit']").ClickAsync();

        await Expect(page.Locator(".subtitle[data-period]")).ToHaveAttributeAsync("data-period", "period=custom&from=2026-10-01&to=2026-11-04");
    }

    [Fact]
    public async Task EnterInTheWardSearchOpensTheOnlyMatch()
    {
        var page = await _browser.OpenAsync(_address, "/wards");
        await HeadlessChromium.WaitForCircuitAsync(page);

        await page.Locator("#ward-search").PressSequentiallyAsync("cua nam");
        await Expect(page.Locator(".ward-matches a")).ToHaveCountAsync(1);
        await page.Locator("#ward-search").PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/wards/00082"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Cửa Nam");
    }

    [Fact]
    public async Task EnterBeforeThePageIsInteractiveStillOpensTheWard()
    {
        // The form's plain GET (what Enter does before the circuit has started) lands on /wards?q=…
        var page = await _browser.OpenAsync(_address, "/wards?q=cua+nam&lang=vi");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/wards/00082"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Cửa Nam");
    }

    [Fact]
    public async Task EnterWithSeveralMatchesListsThemAndSaysHowMany()
    {
        var page = await _browser.OpenAsync(_address, "/wards?q=son&lang=vi");

        await Expect(page.Locator("main .note[role='status']")).ToContainTextAsync("phường, xã khớp “son”: chọn một trong danh sách.");
        await Expect(page.Locator(".ward-matches a").First).ToBeVisibleAsync();
    }
}
