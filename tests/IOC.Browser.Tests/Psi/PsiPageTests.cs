using System.Globalization;
using IOC.Browser.Tests.Infrastructure;
using IOC.Domain.Time;
using IOC.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Psi;

/// <summary>The PSI estimate page in Chromium against the app in memory, served on a loopback port.</summary>
public sealed class PsiPageTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private readonly HeadlessChromium _browser;
    private readonly IocWebFactory _app = new();
    private readonly Uri _address;

    public PsiPageTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheWardsAreRankedWithTheirBandsAndThePreviousMonthRanksThemOtherwise()
    {
        var at = VietnamTime.ToLocal(TestClock.RecentToday(2));
        var month = at.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var lastMonth = new DateTimeOffset(at.Year, at.Month, 1, 10, 0, 0, at.Offset).AddDays(-3);
        using var producer = _app.CreateProducer();
        await producer.PostEventsAsync(PsiTraffic.ThreeWards(at));
        // Last month Hoàn Kiếm did everything on time (excellent) and Cửa Nam nothing (weak).
        await producer.PostEventsAsync(
            TestEvents.Completed(lastMonth, PsiTraffic.Middle, digitized: true),
            TestEvents.Completed(lastMonth, PsiTraffic.Middle, digitized: true),
            TestEvents.Completed(lastMonth, PsiTraffic.Excellent, dueAt: lastMonth.AddHours(-1)));

        var page = await _browser.OpenAsync(_address, $"/psi?period=month&value={month}", 1600, 1900);

        await Expect(page.Locator(".psi-banner")).ToContainTextAsync("ƯỚC TÍNH — không phải kết quả chính thức của Bộ Nội vụ");
        await ExpectWardAsync(page, PsiTraffic.Excellent, "1", "excellent", "100");
        await ExpectWardAsync(page, PsiTraffic.Middle, "2", "middle", "50");
        await ExpectWardAsync(page, PsiTraffic.Weak, "3", "weak", "0");
        await Expect(page.Locator($"tr[data-ward='{PsiTraffic.Middle}'] .psi-points")).ToHaveTextAsync("21 / 42");
        await Expect(page.Locator($"tr[data-ward='{PsiTraffic.Excellent}'] .psi-band")).ToHaveTextAsync("★ Xuất sắc");
        await Expect(page.Locator(".psi-ranking tbody tr")).ToHaveCountAsync(126);
        await Expect(page.Locator("[data-count='excellent']")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-count='none']")).ToHaveTextAsync("123");
        await Expect(page.Locator(".psi-groups tr[data-group='transparency']")).ToHaveAttributeAsync("data-source", "not_measured");
        await Expect(page.Locator(".psi-groups tr[data-group='progress'] .psi-formula")).ToHaveTextAsync("20 × (trước hạn + đúng hạn) / đã giải quyết");
        await Expect(page.Locator(".psi-agencies tbody tr")).ToHaveCountAsync(4);
        await HeadlessChromium.ScreenshotAsync(page, "psi");
        await HeadlessChromium.WaitForCircuitAsync(page);

        await page.Locator("a[data-step='previous']").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"value={lastMonth:yyyy-MM}"));
        await ExpectWardAsync(page, PsiTraffic.Middle, "1", "excellent", "100");
        await ExpectWardAsync(page, PsiTraffic.Excellent, "2", "weak", "0");
        await Expect(page.Locator($"tr[data-ward='{PsiTraffic.Weak}']")).ToHaveAttributeAsync("data-band", "none");
        await Expect(page.Locator("[data-count='none']")).ToHaveTextAsync("124");
    }

    [Fact]
    public async Task TheBandFilterShowsOnlyThatBandAndAWardLinksToItsPage()
    {
        var at = VietnamTime.ToLocal(TestClock.RecentToday(2));
        using var producer = _app.CreateProducer();
        await producer.PostEventsAsync(PsiTraffic.ThreeWards(at));
        var page = await _browser.OpenAsync(_address, $"/psi?period=custom&from={at:yyyy-MM-dd}&to={at:yyyy-MM-dd}&lang=en");
        await Expect(page.Locator(".psi-banner")).ToContainTextAsync("ESTIMATE — not the official index");
        await HeadlessChromium.WaitForCircuitAsync(page);

        await page.Locator("a[data-filter='weak']").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("band=weak"));
        await Expect(page.Locator(".psi-ranking tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator(".psi-ranking tbody tr").First).ToHaveAttributeAsync("data-ward", PsiTraffic.Weak);
        await page.Locator($"tr[data-ward='{PsiTraffic.Weak}'] a.ward-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/wards/{PsiTraffic.Weak}"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Ba Dinh");
    }

    private static async Task ExpectWardAsync(IPage page, string ward, string rank, string band, string scaled)
    {
        var row = page.Locator($".psi-ranking tr[data-ward='{ward}']");
        await Expect(row).ToHaveAttributeAsync("data-rank", rank);
        await Expect(row).ToHaveAttributeAsync("data-band", band);
        await Expect(row.Locator(".psi-scaled")).ToHaveTextAsync(scaled);
    }
}
