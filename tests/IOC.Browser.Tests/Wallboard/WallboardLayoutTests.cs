using IOC.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Wallboard;

/// <summary>The wallboard and kiosk on the operations room's 1920×1080 screen, with a day of figures.</summary>
public sealed class WallboardLayoutTests(HeadlessChromium browser, DayOfTraffic app) : IClassFixture<HeadlessChromium>, IClassFixture<DayOfTraffic>
{
    [Fact]
    public async Task TheDeskWallboardFitsOneFullHdScreenWithAgenciesAndHotlineInView()
    {
        var page = await browser.OpenAsync(app.Address, "/", 1920, 1080);
        await HeadlessChromium.WaitForCircuitAsync(page);
        await page.WaitForTimeoutAsync(1000);

        var height = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
        var agencies = await page.Locator(".view-agencies").BoundingBoxAsync();
        var hotline = await page.Locator(".view-hotline").BoundingBoxAsync();
        var overlaps = await Layout.OverlapsAsync(page);

        await HeadlessChromium.ScreenshotAsync(page, "wallboard-1920");
        height.Should().BeLessThanOrEqualTo(1080, "a leader without kiosk mode sees the whole wallboard without scrolling");
        (agencies!.Y + agencies.Height).Should().BeLessThanOrEqualTo(1080);
        (hotline!.Y + hotline.Height).Should().BeLessThanOrEqualTo(1080);
        overlaps.Should().BeEmpty();
    }

    [Fact]
    public async Task TheWeakestWardsAreOnlyThoseFallingShortWithEnoughDossiers()
    {
        var page = await browser.OpenAsync(app.Address, "/", 1920, 1080);

        var rows = page.Locator(".ranking tbody tr");

        // 00082: 5 of 7 on time, 00004: 5 of 6; 00070 met its target with 5 of 5; 00008 had 1 late dossier out of 1.
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-ward", "00082");
        await Expect(rows.Nth(0).Locator(".value")).ToHaveTextAsync("71,4%");
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-ward", "00004");
        await Expect(page.Locator(".rank-rule")).ToContainTextAsync("có từ 5 hồ sơ đã giải quyết trở lên hôm nay");
        await Expect(page.Locator(".rank-below")).ToHaveTextAsync("1 phường, xã có dưới 5 hồ sơ đã giải quyết chưa được đánh giá");
    }

    [Fact]
    public async Task InKioskModeTheCityTilesLineUpAndTheActionBoxesAreWhole()
    {
        var page = await browser.OpenAsync(app.Address, "/?kiosk=1&rotate=3600", 1920, 1080);
        await HeadlessChromium.WaitForCircuitAsync(page);
        await page.WaitForTimeoutAsync(1000);

        var rows = await page.EvaluateAsync<double[][]>("""
            () => [...document.querySelectorAll('.view-city .tile')].map(t => {
              const tile = t.getBoundingClientRect(), v = t.querySelector('.tile-value').getBoundingClientRect(),
                    b = t.querySelector('.tile-body > .status').getBoundingClientRect();
              return [tile.top, v.top, b.top, v.bottom];
            })
            """);
        var actions = await page.Locator(".view-city .actions").BoundingBoxAsync();

        await HeadlessChromium.ScreenshotAsync(page, "kiosk-city");
        foreach (var row in rows.GroupBy(r => Math.Round(r[0])))
        {
            row.Select(r => r[1]).Should().AllSatisfy(top => top.Should().BeApproximately(row.First()[1], 1), "values of one row of tiles line up");
            row.Should().AllSatisfy(r => r[2].Should().BeLessThan(r[3], "the status badge sits beside the value, not under it"));
        }

        (actions!.Y + actions.Height).Should().BeLessThanOrEqualTo(1080, "the needs-action boxes are not cut at the bottom");
    }
}
