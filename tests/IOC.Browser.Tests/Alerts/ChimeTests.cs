using IOC.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Alerts;

/// <summary>
/// The wallboard's chime in Chromium: off by default, remembered across a reload once turned on, and rung (chime.js
/// counts its calls in <c>data-chimes</c> on the root element) when a new critical alert starts firing, not when off.
/// </summary>
public sealed class ChimeTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private readonly HeadlessChromium _browser;
    private readonly IocWebFactory _app = new();
    private readonly Uri _address;

    public ChimeTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheChimeIsOffByDefaultRememberedOnceTurnedOnAndRingsOnlyWhileOnForANewCriticalAlert()
    {
        var wall = await _browser.OpenAsync(_address, "/", 1920, 1080);
        await HeadlessChromium.WaitForCircuitAsync(wall);
        var toggle = wall.Locator("[data-chime-toggle]");
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(wall.Locator("html")).ToHaveAttributeAsync("data-chime", "off");

        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await wall.ReloadAsync();
        await HeadlessChromium.WaitForCircuitAsync(wall);
        await Expect(wall.Locator("[data-chime-toggle]")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Null(await Chimes(wall));

        using var producer = Posting.Producer(_address, IocWebFactory.ProducerKey);
        await FireAsync(producer, "chime-a", "00082", "ca");
        await Expect(wall.Locator(".alert-strip [data-alert='chime-a:ward:00082']")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(wall.Locator("html")).ToHaveAttributeAsync("data-chimes", "1");
        await HeadlessChromium.ScreenshotAsync(wall, "wallboard-chime-on");

        await wall.Locator("[data-chime-toggle]").ClickAsync();
        await Expect(wall.Locator("[data-chime-toggle]")).ToHaveAttributeAsync("aria-pressed", "false");
        await FireAsync(producer, "chime-b", "00082", "cb");
        await Expect(wall.Locator(".alert-strip [data-alert='chime-b:ward:00082']")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await wall.WaitForTimeoutAsync(500);   // the observer runs after the strip renders: give it its turn
        Assert.Equal("1", await Chimes(wall));
    }

    [Fact]
    public async Task AlertsAlreadyFiringWhenTheWallboardOpensDoNotChime()
    {
        using var producer = Posting.Producer(_address, IocWebFactory.ProducerKey);
        await FireAsync(producer, "chime-c", "00082", "cc");
        var first = await _browser.OpenAsync(_address, "/", 1920, 1080);
        await HeadlessChromium.WaitForCircuitAsync(first);
        await first.Locator("[data-chime-toggle]").ClickAsync();
        await Expect(first.Locator(".alert-strip [data-alert='chime-c:ward:00082']")).ToBeVisibleAsync(new() { Timeout = 5_000 });

        await first.ReloadAsync();
        await HeadlessChromium.WaitForCircuitAsync(first);
        await first.WaitForTimeoutAsync(500);

        await Expect(first.Locator(".alert-strip [data-alert='chime-c:ward:00082']")).ToBeVisibleAsync();
        Assert.Null(await Chimes(first));
    }

    private static Task<string?> Chimes(IPage page) => page.Locator("html").GetAttributeAsync("data-chimes");

    /// <summary>A critical rule on one ward's satisfaction, broken by three dissatisfied answers.</summary>
    private static async Task FireAsync(HttpClient producer, string rule, string ward, string prefix)
    {
        await SatisfactionRule.PostAsync(producer, rule, ward);
        var at = TestClock.RecentToday(1);
        await producer.PostOrFailAsync(
            WireEvents.Survey(prefix + "1", at, "dissatisfied"), WireEvents.Survey(prefix + "2", at, "dissatisfied"),
            WireEvents.Survey(prefix + "3", at, "very_dissatisfied"));
    }
}
