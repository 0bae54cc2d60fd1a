using IOC.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Phone;

/// <summary>
/// Every page as a leader meets it on a phone (390×844 and 412×915): no sideways scrolling, no figure running into
/// another or out of its box, every link and button big enough to tap. Screenshots: artifacts/screenshots/phone-*.png.
/// </summary>
public sealed class PhoneLayoutTests(HeadlessChromium browser, DayOfTraffic app) : IClassFixture<HeadlessChromium>, IClassFixture<DayOfTraffic>
{
    [Theory]
    [InlineData("/", "wallboard", 390, 844)]
    [InlineData("/", "wallboard", 412, 915)]
    [InlineData("/?kiosk=1", "kiosk", 390, 844)]
    [InlineData("/wards", "wards", 390, 844)]
    [InlineData("/wards/00082", "ward-00082", 390, 844)]
    [InlineData("/wards/00082", "ward-00082", 412, 915)]
    [InlineData("/agencies/VPUBND", "agency-VPUBND", 390, 844)]
    [InlineData("/review", "review", 390, 844)]
    [InlineData("/review", "review", 412, 915)]
    [InlineData("/psi", "psi", 390, 844)]
    [InlineData("/nope", "not-found", 390, 844)]
    public async Task APageFitsThePhoneWithoutSidewaysScrollOverlapOrSmallTapTargets(string path, string name, int width, int height)
    {
        var page = await browser.OpenPhoneAsync(app.Address, path, width, height);
        await HeadlessChromium.WaitForCircuitAsync(page);
        await SettleAsync(page);

        var overflow = await Layout.SidewaysOverflowAsync(page);
        var overlaps = await Layout.OverlapsAsync(page);
        var small = await Layout.SmallTapTargetsAsync(page);

        await HeadlessChromium.ScreenshotAsync(page, $"phone-{name}-{width}");
        overflow.Should().Be(0, $"{path} must not scroll sideways at {width} px");
        overlaps.Should().BeEmpty($"nothing on {path} may overlap or stick out at {width} px");
        small.Should().BeEmpty($"every tap target on {path} must be at least 44 × 44 px at {width} px");
    }

    [Fact]
    public async Task TheWardPagesTablesBecomeCardsOnAPhoneWithTheirLabelsShown()
    {
        var page = await browser.OpenPhoneAsync(app.Address, "/wards/00082");
        await HeadlessChromium.WaitForCircuitAsync(page);

        var row = page.Locator(".kpi-table tr[data-kpi='dossier.onTimeRate']");
        var label = await row.Locator(".kpi-city").EvaluateAsync<string>("e => getComputedStyle(e, '::before').content");
        var value = await row.Locator(".kpi-value").BoundingBoxAsync();
        var badge = await row.Locator(".status").BoundingBoxAsync();

        label.Should().Be("\"Toàn thành phố: \"");
        (badge!.Y < value!.Y + value.Height).Should().BeTrue("the status sits beside the value, on its line");
        await Expect(row.Locator(".kpi-value")).ToContainTextAsync("71,4%");
    }

    [Fact]
    public async Task TheReviewNamesEachAgencyAboveItsFigureOnAPhone()
    {
        var page = await browser.OpenPhoneAsync(app.Address, "/review");
        await HeadlessChromium.WaitForCircuitAsync(page);

        var cell = page.Locator(".review-table td[data-agency='TTPVHCC']").First;
        var label = await cell.EvaluateAsync<string>("e => getComputedStyle(e, '::before').content");
        var cellBox = await cell.BoundingBoxAsync();

        label.Should().Contain("Trung tâm Phục vụ HCC");
        cellBox!.Width.Should().BeGreaterThan(300, "each agency's figure takes the width of the phone, not a quarter of it");
    }

    [Fact]
    public async Task TheWallboardIsAnInstallableWebAppThatOpensOnTheWallboard()
    {
        var profile = Directory.CreateTempSubdirectory("ioc-pwa-").FullName;
        try
        {
            // Installability is judged only outside incognito, so this test has a profile of its own.
            await using var context = await browser.Playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
            });
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(app.Address, "/").ToString());
            await HeadlessChromium.WaitForCircuitAsync(page);
            var cdp = await context.NewCDPSessionAsync(page);

            var manifest = await cdp.SendAsync("Page.getAppManifest");
            var errors = await cdp.SendAsync("Page.getInstallabilityErrors");

            manifest!.Value.GetProperty("errors").GetArrayLength().Should().Be(0);
            var data = System.Text.Json.JsonDocument.Parse(manifest.Value.GetProperty("data").GetString()!).RootElement;
            data.GetProperty("start_url").GetString().Should().Be("/");
            data.GetProperty("display").GetString().Should().Be("standalone");
            errors!.Value.GetProperty("installabilityErrors").EnumerateArray().Select(e => e.GetProperty("errorId").GetString()).Should().BeEmpty();
            using var client = new HttpClient { BaseAddress = app.Address };
            foreach (var icon in data.GetProperty("icons").EnumerateArray().Where(i => i.GetProperty("type").GetString() == "image/png"))
            {
                var png = await client.GetByteArrayAsync(icon.GetProperty("src").GetString());
                var size = $"{System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16))}x{System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))}";
                size.Should().Be(icon.GetProperty("sizes").GetString(), "an icon is as large as the manifest says");
            }
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    /// <summary>Charts are drawn once the browser has measured them; wait for that before measuring the page.</summary>
    private static async Task SettleAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(1500);
    }
}
