using System.Net.Http.Json;
using IOC.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Alerts;

/// <summary>
/// The kiosk's rotation in Chromium: with an alert firing it adds the alerts view after the city (five views), shows
/// the alert's sentence there, and marks it once acknowledged. (With nothing firing the rotation's four views are
/// checked by WallboardTests.KioskModeIsDarkAndRotatesThroughItsFourViews.)
/// Screenshots: artifacts/screenshots/kiosk-alerts-1920.png, kiosk-alerts-390.png.
/// </summary>
public sealed class KioskAlertsViewTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private const string Id = "kiosk-satisfaction:ward:00082";
    private readonly HeadlessChromium _browser;
    private readonly IocWebFactory _app = new();
    private readonly Uri _address;

    public KioskAlertsViewTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task WhileAnAlertFiresTheKioskRotatesToAnAlertsViewThatSaysItInWordsAndMarksItAcknowledged()
    {
        var kiosk = await _browser.OpenAsync(_address, "/?kiosk=1&rotate=3", 1920, 1080);
        await HeadlessChromium.WaitForCircuitAsync(kiosk);
        await Expect(kiosk.Locator(".view-indicator")).ToContainTextAsync("/4");
        using var producer = Posting.Producer(_address, IocWebFactory.ProducerKey);
        await SatisfactionRule.PostAsync(producer, "kiosk-satisfaction");
        var at = TestClock.RecentToday(1);
        await producer.PostOrFailAsync(
            WireEvents.Survey("k1", at, "satisfied"), WireEvents.Survey("k2", at, "dissatisfied"),
            WireEvents.Survey("k3", at, "dissatisfied"), WireEvents.Survey("k4", at, "very_dissatisfied"));

        await Expect(kiosk.Locator(".wall")).ToHaveAttributeAsync("data-view", "alerts", new() { Timeout = 20_000 });
        await Expect(kiosk.Locator(".view-indicator")).ToHaveTextAsync("Màn hình 2/5: Cảnh báo");
        var item = kiosk.Locator($".view-alerts [data-severity='critical'] [data-alert='{Id}']");
        await Expect(item).ToContainTextAsync("Phường Cửa Nam: tỷ lệ hài lòng hôm nay 25% (1/4), ngưỡng dưới 95%");
        await Expect(item).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-acked"));
        var bottom = await kiosk.EvaluateAsync<double>("document.querySelector('.view-alerts').getBoundingClientRect().bottom");
        bottom.Should().BeLessThanOrEqualTo(1080, "the wall screen cannot be scrolled");
        await HeadlessChromium.ScreenshotAsync(kiosk, "kiosk-alerts-1920");

        (await producer.PostAsJsonAsync($"/api/v1/alerts/{Id}/ack", new { by = "Trực ban Hà", note = "Đã gọi phường" })).EnsureSuccessStatusCode();
        await Expect(kiosk.Locator(".wall")).ToHaveAttributeAsync("data-view", "alerts", new() { Timeout = 20_000 });
        await Expect(kiosk.Locator($".view-alerts [data-alert='{Id}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-acked"));
        await Expect(kiosk.Locator($".view-alerts [data-alert='{Id}'] [data-acked]")).ToContainTextAsync("Đã xác nhận: Trực ban Hà");

        var phone = await _browser.OpenPhoneAsync(_address, "/?kiosk=1&rotate=3");
        await Expect(phone.Locator(".wall")).ToHaveAttributeAsync("data-view", "alerts", new() { Timeout = 20_000 });
        await HeadlessChromium.ScreenshotAsync(phone, "kiosk-alerts-390");
    }
}
