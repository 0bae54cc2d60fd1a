using System.Text.RegularExpressions;
using IOC.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Wallboard;

/// <summary>Links before and after the circuit starts: the right page either way, and no reload once interactive.</summary>
public sealed class NavigationTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private readonly HeadlessChromium _browser;
    private readonly IocWebFactory _app = new();
    private readonly Uri _address;

    public NavigationTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ALinkClickedWhileTheCircuitStartsOpensThatPage()
    {
        var page = await _browser.OpenAsync(_address, "about:blank");
        await page.RouteAsync("**/_blazor/negotiate**", async route =>
        {
            await Task.Delay(1500);
            await route.ContinueAsync();
        });
        await page.GotoAsync(new Uri(_address, "/").ToString());

        await page.Locator(".agency[data-agency='VPUBND'] a.agency-link").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/agencies/VPUBND"));
        await HeadlessChromium.WaitForCircuitAsync(page);
        await Expect(page.Locator("h1")).ToContainTextAsync("Văn phòng Ủy ban nhân dân");
    }

    [Fact]
    public async Task OnceInteractiveALinkChangesThePageWithoutReloadingIt()
    {
        var page = await _browser.OpenAsync(_address, "/wards/00082");
        await HeadlessChromium.WaitForCircuitAsync(page);
        await page.EvaluateAsync("window.iocMarker = 42");

        await page.Locator("a[data-range='7d']").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("range=7d"));
        await Expect(page.Locator("a[data-range='7d']")).ToHaveAttributeAsync("aria-current", "true");
        (await page.EvaluateAsync<int?>("window.iocMarker ?? null")).Should().Be(42, "the interactive router changed the page in place");
    }
}
