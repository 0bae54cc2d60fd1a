using System.Globalization;
using IOC.Browser.Tests.Infrastructure;
using IOC.Domain.Events;
using IOC.Domain.Seed;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Provinces;

/// <summary>
/// A national deployment in Chromium: the PSI page ranks the 34 provinces, and the communes' ranking and list are
/// narrowed to one province with the province selector.
/// </summary>
public sealed class CountryPsiPageTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private static readonly DateTimeOffset At = VietnamTime.ToLocal(TestClock.RecentToday(2));

    private static readonly string Day = At.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private readonly HeadlessChromium _browser;
    private readonly ScopedFactory _app = new("country");
    private readonly Uri _address;

    public CountryPsiPageTests(HeadlessChromium browser)
    {
        // The national PSI page reads 3,355 units' totals and draws 3,321 communes, twice (prerendered, then again when
        // the circuit starts): on a loaded 2-core machine that outlasts the default 5 s. Only failing checks wait longer.
        SetDefaultExpectTimeout(30_000);
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    /// <summary>
    /// Gia Lai 42 of 42 = 100 (excellent); Hải Phòng 53.5 of 64 = 83.6 (Phù Liễn 100, An Lão 50); Hanoi 0 of 42 (weak).
    /// </summary>
    private static IocEvent[] ThreeProvinces() =>
    [
        TestEvents.Received(At, "11446", channel: DossierChannel.Online, fullProcess: true, onPlatform: true),
        TestEvents.Received(At, "11446", channel: DossierChannel.Online, fullProcess: true, onPlatform: true),
        TestEvents.Completed(At, "11446", digitized: true),
        TestEvents.Completed(At, "11446", digitized: true),
        TestEvents.Completed(At, "11629", digitized: true),
        TestEvents.Completed(At, "11629", dueAt: At.AddHours(-1)),
        TestEvents.Completed(At, "21609", digitized: true),
        TestEvents.Completed(At, "21609", digitized: true),
        TestEvents.Completed(At, "00082", dueAt: At.AddHours(-1)),
        TestEvents.Completed(At, "00082", dueAt: At.AddHours(-1)),
    ];

    [Theory]
    [InlineData("vi", "Xếp hạng 34 tỉnh, thành phố", "Tỉnh Gia Lai", "83,6", "Xếp hạng 114 phường, xã của Thành phố Hải Phòng")]
    [InlineData("en", "Ranking of the 34 provinces", "Gia Lai Province", "83.6", "Ranking of the 114 wards and communes of Hai Phong City")]
    public async Task ThePsiPageRanksTheProvincesAndRanksOneProvincesCommunesAmongThemselves(
        string lang, string title, string first, string haiPhongScore, string filteredTitle)
    {
        using var producer = _app.CreateProducer();
        await producer.PostEventsAsync(ThreeProvinces());

        var page = await _browser.OpenAsync(_address, $"/psi?period=custom&from={Day}&to={Day}&lang={lang}", 1920, 1080);
        await HeadlessChromium.WaitForCircuitAsync(page);

        await Expect(page.Locator("#provinces-title")).ToHaveTextAsync(title);
        var rows = page.Locator(".psi-province-ranking tbody tr");
        await Expect(rows).ToHaveCountAsync(34);
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-province", "52");
        await Expect(rows.Nth(0).Locator(".psi-rank")).ToHaveTextAsync("1");
        await Expect(rows.Nth(0).Locator("th a")).ToHaveTextAsync(first);
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-band", "excellent");
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-province", "31");
        await Expect(rows.Nth(1).Locator(".psi-scaled")).ToHaveTextAsync(haiPhongScore);
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-band", "middle");
        await Expect(rows.Nth(2)).ToHaveAttributeAsync("data-province", "01");
        await Expect(rows.Nth(2)).ToHaveAttributeAsync("data-band", "weak");
        await Expect(rows.Nth(3).Locator(".psi-rank")).ToHaveTextAsync("—");
        await Expect(page.Locator(".psi-ranking:not(.psi-province-ranking) tbody tr")).ToHaveCountAsync(100);
        await Expect(page.Locator("p[data-shown='100']")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-ward='11629']")).ToHaveAttributeAsync("data-rank", "3");
        await Expect(page.Locator("tr[data-ward='11629'] .ward-province")).ToContainTextAsync(lang == "vi" ? "Hải Phòng" : "Hai Phong");
        await page.Locator(".psi-provinces").EvaluateAsync("e => e.scrollIntoView()");
        await HeadlessChromium.ScreenshotAsync(page, $"country-psi-provinces-1920-{lang}");

        await page.Locator("#province-filter").SelectOptionAsync("31");
        await page.Locator(".province-filter button").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("province=31"));
        await HeadlessChromium.WaitForCircuitAsync(page);
        await Expect(page.Locator("#wards-title")).ToHaveTextAsync(filteredTitle);
        var communes = page.Locator(".psi-ranking:not(.psi-province-ranking) tbody tr");
        await Expect(communes).ToHaveCountAsync(114);
        await Expect(communes.Nth(0)).ToHaveAttributeAsync("data-ward", "11446");
        await Expect(communes.Nth(0)).ToHaveAttributeAsync("data-rank", "1");
        await Expect(communes.Nth(1)).ToHaveAttributeAsync("data-ward", "11629");
        await Expect(communes.Nth(1)).ToHaveAttributeAsync("data-rank", "2");
        await Expect(page.Locator("[data-count='excellent']")).ToHaveTextAsync("1");
        await Expect(page.Locator("a[data-filter='middle']")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("province=31"));
        await page.Locator(".psi-wards").EvaluateAsync("e => e.scrollIntoView()");
        await HeadlessChromium.ScreenshotAsync(page, $"country-psi-communes-31-1920-{lang}");

        var phone = await _browser.OpenPhoneAsync(_address, $"/psi?period=custom&from={Day}&to={Day}&province=31&lang={lang}");
        await Expect(phone.Locator(".psi-province-ranking tbody tr")).ToHaveCountAsync(34);
        await phone.Locator(".psi-provinces").EvaluateAsync("e => e.scrollIntoView()");
        await HeadlessChromium.ScreenshotAsync(phone, $"country-psi-provinces-390-{lang}");
    }

    [Fact]
    public async Task AnUnknownProvinceCodeIsSaidAndEveryCommuneShown()
    {
        var page = await _browser.OpenAsync(_address, $"/psi?period=custom&from={Day}&to={Day}&province=99", 1600, 1000);

        await Expect(page.Locator("p.error[data-field='province']")).ToHaveTextAsync("Không có tỉnh, thành phố nào mã '99': hiển thị cả nước.");
        await Expect(page.Locator(".psi-ranking:not(.psi-province-ranking) tbody tr")).ToHaveCountAsync(100);
        await Expect(page.Locator(".psi-province-ranking tbody tr")).ToHaveCountAsync(34);
    }

    [Fact]
    public async Task TheCommunesListChosenByProvinceListsAndSearchesThatProvinceOnly()
    {
        var gialai = SeedData.LoadUnits(SeedData.Locate(), DeploymentScope.Country).WardsOf("52");

        var page = await _browser.OpenAsync(_address, "/wards?lang=vi", 1920, 1080);
        await Expect(page.Locator(".ward-index li")).ToHaveCountAsync(3321);
        await HeadlessChromium.WaitForCircuitAsync(page);
        await page.Locator("#province-filter").SelectOptionAsync("52");
        await page.Locator(".province-filter button").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("province=52"));
        await Expect(page.Locator(".subtitle")).ToHaveTextAsync("Tỉnh Gia Lai · 135 phường, xã, đặc khu");
        await Expect(page.Locator(".ward-index li")).ToHaveCountAsync(gialai.Count);
        (await page.Locator(".ward-index li a").EvaluateAllAsync<string[]>("links => links.map(a => a.dataset.ward)"))
            .Should().BeEquivalentTo(gialai.Select(w => w.Code));
        await HeadlessChromium.WaitForCircuitAsync(page);
        await page.Locator("#ward-search").FillAsync("an lao");
        await Expect(page.Locator("#ward-matches li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#ward-matches li")).ToHaveTextAsync("Xã An Lão · Tỉnh Gia Lai");
        await HeadlessChromium.ScreenshotAsync(page, "country-communes-52-1920");

        var phone = await _browser.OpenPhoneAsync(_address, "/wards?province=52&lang=vi");
        await Expect(phone.Locator(".ward-index li")).ToHaveCountAsync(gialai.Count);
        var overflow = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await HeadlessChromium.ScreenshotAsync(phone, "country-communes-52-390");
        overflow.Should().BeLessThanOrEqualTo(390, "nothing is wider than the phone");

        await page.Locator("#ward-search").PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Xã An Lão");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/wards/21609"));
    }
}
