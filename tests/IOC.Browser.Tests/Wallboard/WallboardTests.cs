using IOC.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Wallboard;

/// <summary>The wallboard in Chromium against the app in memory, served on a loopback port.</summary>
public sealed class WallboardTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private static readonly string[] Headline =
    [
        "dossier.digitalPlatformRate", "dossier.onlineRate", "dossier.fullProcessOnlineRate", "dossier.onTimeRate",
        "satisfaction.rate", "hotline.serviceLevel", "hotline.abandonmentRate", "hotline.ticketOnTimeRate",
    ];

    private readonly HeadlessChromium _browser;
    private readonly IocWebFactory _app = new();
    private readonly Uri _address;

    public WallboardTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheWallboardShowsTheEightHeadlineTilesInVietnamese()
    {
        var page = await _browser.OpenAsync(_address, "/");

        foreach (var kpi in Headline)
        {
            await Expect(page.Locator($".view-city .tile[data-kpi='{kpi}']")).ToBeVisibleAsync();
        }

        await Expect(page.Locator("h1")).ToHaveTextAsync("Trung tâm điều hành thông minh");
        await Expect(page.Locator(".view-city .tile[data-kpi='satisfaction.rate'] .tile-target")).ToHaveTextAsync("Chỉ tiêu ≥ 95%");
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("vi");
        await HeadlessChromium.ScreenshotAsync(page, "wallboard-empty");
    }

    [Fact]
    public async Task ATileChangesLiveWhenEventsArePosted()
    {
        var page = await _browser.OpenAsync(_address, "/");
        await Expect(page.Locator(".view-city .tile[data-kpi='dossier.onlineRate'] .tile-value")).ToHaveTextAsync("—");
        await HeadlessChromium.WaitForCircuitAsync(page);
        var now = TestClock.RecentToday(1);
        using var producer = _app.CreateProducer();

        await producer.PostOrFailAsync(
            WireEvents.Received("live-1", now, channel: "online"),
            WireEvents.Received("live-2", now, channel: "online"),
            WireEvents.Received("live-3", now, channel: "online"),
            WireEvents.Received("live-4", now, channel: "in_person"));

        var tile = page.Locator(".view-city .tile[data-kpi='dossier.onlineRate']");
        await Expect(tile.Locator(".tile-value")).ToHaveTextAsync("75%");
        await Expect(tile.Locator(".tile-ratio")).ToHaveTextAsync("3 / 4");
        await Expect(tile.Locator(".status-text")).ToHaveTextAsync("Đạt");
        await Expect(tile).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("status-met"));
        await HeadlessChromium.ScreenshotAsync(page, "wallboard-after-events");
    }

    [Fact]
    public async Task TheRankingKpiCanBeSwitchedAndTheWeakestWardComesFirst()
    {
        var now = TestClock.RecentToday(1);
        using var producer = _app.CreateProducer();
        // Six dossiers each: 00004 has 1 online (16,7%), 00082 has 3 (50%), both short of 60%; 00008 has all six online.
        await producer.PostOrFailAsync(
        [
            .. Enumerable.Range(0, 6).Select(i => WireEvents.Received($"rank-4-{i}", now, channel: i < 1 ? "online" : "in_person", unit: "00004")),
            .. Enumerable.Range(0, 6).Select(i => WireEvents.Received($"rank-82-{i}", now, channel: i < 3 ? "online" : "in_person", unit: "00082")),
            .. Enumerable.Range(0, 6).Select(i => WireEvents.Received($"rank-8-{i}", now, channel: "online", unit: "00008")),
        ]);
        var page = await _browser.OpenAsync(_address, "/");
        await HeadlessChromium.WaitForCircuitAsync(page);

        await page.SelectOptionAsync("#rank-kpi", "dossier.onlineRate");

        var rows = page.Locator(".ranking tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-ward", "00004");
        await Expect(rows.Nth(0).Locator(".value")).ToHaveTextAsync("16,7%");
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-ward", "00082");
        await Expect(page.Locator(".rank-rule")).ToContainTextAsync("có từ 5 hồ sơ tiếp nhận trở lên");
    }

    [Fact]
    public async Task WhenEveryWardWithEnoughDossiersMeetsTheTargetTheListSaysSoInAPlainSentence()
    {
        var now = TestClock.RecentToday(1);
        using var producer = _app.CreateProducer();
        await producer.PostOrFailAsync([.. Enumerable.Range(0, 5).Select(i => WireEvents.Received($"met-{i}", now, channel: "online", unit: "00082"))]);
        var page = await _browser.OpenAsync(_address, "/?rank=dossier.onlineRate");

        await Expect(page.Locator(".weakest .empty")).ToHaveTextAsync("Không phường, xã nào chưa đạt hay gần đạt chỉ tiêu này: cả 1 phường, xã được tính đều đạt.");
        await Expect(page.Locator(".ranking")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task EnglishIsChosenByQueryRememberedByCookieAndSwitchedBackByTheToggle()
    {
        var page = await _browser.OpenAsync(_address, "/?lang=en");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Smart Operations Centre");

        await page.GotoAsync(new Uri(_address, "/").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Smart Operations Centre");
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("en");
        await HeadlessChromium.WaitForCircuitAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to Vietnamese" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Trung tâm điều hành thông minh");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "vi");
    }

    [Fact]
    public async Task KioskModeIsDarkAndRotatesThroughItsFourViews()
    {
        var page = await _browser.OpenAsync(_address, "/?kiosk=1&rotate=3", 1920, 1080);
        await Expect(page.Locator(".wall")).ToHaveAttributeAsync("data-view", "city");
        await Expect(page.Locator("body")).ToHaveClassAsync("theme-dark");
        await HeadlessChromium.ScreenshotAsync(page, "kiosk-city");

        var seen = new List<string>();
        foreach (var view in new[] { "wards", "agencies", "hotline", "city" })
        {
            await Expect(page.Locator(".wall")).ToHaveAttributeAsync("data-view", view, new() { Timeout = 10_000 });
            seen.Add(view);
            if (view != "city")
            {
                await HeadlessChromium.ScreenshotAsync(page, $"kiosk-{view}");
            }

            if (view == "wards")
            {
                // No ward has figures yet: that sentence is read from 5 m like everything else on the wall.
                var size = await page.EvaluateAsync<double>("parseFloat(getComputedStyle(document.querySelector('.weakest .empty')).fontSize)");
                size.Should().BeGreaterThanOrEqualTo(24, "the kiosk scales the no-data sentence with the rest");
            }

            // The wall screen cannot be scrolled: every view must end within 1080 px.
            var bottom = await page.EvaluateAsync<double>($"document.querySelector('.view-{view}').getBoundingClientRect().bottom");
            bottom.Should().BeLessThanOrEqualTo(1080, $"the {view} view must fit the screen");
        }

        seen.Should().Equal("wards", "agencies", "hotline", "city");
        await Expect(page.Locator(".view-indicator")).ToHaveTextAsync("Màn hình 1/4: Toàn thành phố");
    }
}
