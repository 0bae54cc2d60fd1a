using System.Net.Http.Json;
using IOC.Access.Audit;
using IOC.Browser.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Alerts;

/// <summary>
/// Alerts in Chromium: events that break a rule put the alert on every open wallboard's strip within 5 s, and
/// acknowledging it on /alerts marks it on every wallboard. Screenshots: artifacts/screenshots/alerts-*.png.
/// </summary>
public sealed class AlertsPageTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private const string Id = "browser-satisfaction:ward:00082";
    private readonly HeadlessChromium _browser;
    private readonly IocWebFactory _app = new();
    private readonly Uri _address;

    public AlertsPageTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AFiringAlertReachesEveryWallboardWithinFiveSecondsAndAnAcknowledgementFromTheAlertsPageMarksItOnAll()
    {
        var first = await _browser.OpenAsync(_address, "/", 1920, 1080);
        var second = await _browser.OpenAsync(_address, "/", 1920, 1080);
        var alerts = await _browser.OpenAsync(_address, "/alerts", 1920, 1080);
        foreach (var page in new[] { first, second, alerts })
        {
            await HeadlessChromium.WaitForCircuitAsync(page);
        }

        using var producer = Posting.Producer(_address, IocWebFactory.ProducerKey);
        await SatisfactionRule.PostAsync(producer, "browser-satisfaction");
        var at = TestClock.RecentToday(1);
        await producer.PostOrFailAsync(
            WireEvents.Survey("b1", at, "satisfied"), WireEvents.Survey("b2", at, "dissatisfied"),
            WireEvents.Survey("b3", at, "dissatisfied"), WireEvents.Survey("b4", at, "very_dissatisfied"));

        foreach (var wall in new[] { first, second })
        {
            var chip = wall.Locator($".alert-strip [data-alert='{Id}']");
            await Expect(chip).ToContainTextAsync("Phường Cửa Nam: tỷ lệ hài lòng hôm nay 25% (1/4), ngưỡng dưới 95%", new() { Timeout = 5_000 });
            await Expect(chip).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-new"));
        }

        await HeadlessChromium.ScreenshotAsync(first, "alerts-wallboard-firing");
        var item = alerts.Locator($"[data-group='firing'] [data-alert='{Id}']");
        await Expect(item).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await alerts.Locator("[data-who]").FillAsync("Trực ban Hà");
        await item.Locator("[data-ack]").ClickAsync();
        await alerts.Locator("[data-note]").FillAsync("Đã gọi phường");
        await alerts.Locator("[data-confirm-ack]").ClickAsync();

        await Expect(alerts.Locator($"[data-group='acknowledged'] [data-alert='{Id}']")).ToContainTextAsync("Trực ban Hà", new() { Timeout = 5_000 });
        foreach (var wall in new[] { first, second })
        {
            await Expect(wall.Locator($".alert-strip [data-alert='{Id}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-acked"), new() { Timeout = 5_000 });
        }

        await Expect(alerts.Locator("[data-history]").First).ToContainTextAsync("Được xác nhận");
        // The acknowledgement ran over the circuit, yet the audit line says from where, as the API's lines do.
        var audit = _app.Services.GetRequiredService<AuditQuery>();
        var line = (await audit.ReadAsync(new AuditFilter(null, null, AuditActions.AlertAcknowledged, Id), CancellationToken.None)).Single();
        line.Address.Should().Be("127.0.0.1");
        line.Detail.Should().Contain("Trực ban Hà");
        await HeadlessChromium.ScreenshotAsync(alerts, "alerts-page");
        await HeadlessChromium.ScreenshotAsync(first, "alerts-wallboard-acknowledged");
    }

    [Fact]
    public async Task AnAcknowledgementWithoutANameIsRefusedOnThePageSayingWhichField()
    {
        using var producer = Posting.Producer(_address, IocWebFactory.ProducerKey);
        (await producer.PostAsJsonAsync("/api/v1/alerts/rules", new
        {
            by = "admin",
            rule = new { id = "browser-satisfaction", nameVi = "Hài lòng thấp", nameEn = "Low", kpi = "satisfaction.rate", scope = "ward", unit = "00082", window = "today", condition = "below", threshold = 95, severity = "warning" },
        })).EnsureSuccessStatusCode();
        await producer.PostOrFailAsync(WireEvents.Survey("n1", TestClock.RecentToday(1), "dissatisfied"));
        var page = await _browser.OpenPhoneAsync(_address, "/alerts");
        await HeadlessChromium.WaitForCircuitAsync(page);
        var item = page.Locator($"[data-alert='{Id}']");
        await Expect(item).ToBeVisibleAsync(new() { Timeout = 5_000 });

        // The name comes from the signed-in account; a duty officer who clears it is asked for one.
        await Expect(page.Locator("[data-who]")).Not.ToHaveValueAsync("");
        await page.Locator("[data-who]").FillAsync("");
        await item.Locator("[data-ack]").ClickAsync();
        await page.Locator("[data-confirm-ack]").ClickAsync();

        await Expect(page.Locator(".alert-error")).ToContainTextAsync("Người trực: hãy nhập tên trước khi xác nhận");
        await Expect(item.Locator("[data-ack]")).ToBeHiddenAsync();   // the open form replaces the buttons
        await HeadlessChromium.ScreenshotAsync(page, "alerts-phone-390");
    }
}
