using IOC.Browser.Tests.Infrastructure;
using IOC.Domain.Time;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Wallboard;

/// <summary>
/// The wallboard's period switch in Chromium, with dossiers received on different days: today 1 online of 2, three
/// days ago 3 in person, twenty days ago 4 online. Which of them each period holds is worked out from the calendar
/// here (at the start of a month or a year fewer fall in it), and the online-rate tile must say exactly that.
/// Screenshots: artifacts/screenshots/wallboard-period-*.png.
/// </summary>
public sealed class WallboardPeriodTests : IClassFixture<HeadlessChromium>
{
    private readonly HeadlessChromium _browser;

    // Each test's own moment in Vietnam, at least three minutes before local midnight (waited out): its "today" stays
    // one day while it runs (a class-wide moment went stale for the second test, run minutes later).
    private readonly DateTimeOffset _now = VietnamTime.ToLocal(TestClock.RecentInStep(TimeSpan.FromDays(1), 0, margin: TimeSpan.FromMinutes(3)));

    public WallboardPeriodTests(HeadlessChromium browser) => _browser = browser;

    [Fact]
    public async Task EachPeriodShowsTheFiguresOfItsOwnDaysAndTheSwitchMarksTheOneShown()
    {
        using var app = new IocWebFactory();
        var address = app.StartOnLoopback();
        await PostThreeDaysAsync(address);
        var page = await _browser.OpenAsync(address, "/", 1920, 1080);
        await HeadlessChromium.WaitForCircuitAsync(page);
        var ratio = page.Locator(".view-city .tile[data-kpi='dossier.onlineRate'] .tile-ratio");

        await Expect(page.Locator(".period-switch a[data-period='today']")).ToHaveAttributeAsync("aria-current", "true");
        await Expect(ratio).ToHaveTextAsync(Ratio(Expected(0)), new() { Timeout = 10_000 });

        foreach (var (period, first) in new[] { ("7d", Today.AddDays(-6)), ("mtd", new DateOnly(Today.Year, Today.Month, 1)), ("ytd", new DateOnly(Today.Year, 1, 1)) })
        {
            await page.Locator($".period-switch a[data-period='{period}']").ClickAsync();

            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"period={period}"));
            await Expect(page.Locator($".period-switch a[data-period='{period}']")).ToHaveAttributeAsync("aria-current", "true");
            await Expect(ratio).ToHaveTextAsync(Ratio(Expected(Today.DayNumber - first.DayNumber)), new() { Timeout = 5_000 });
        }

        await HeadlessChromium.ScreenshotAsync(page, "wallboard-period-ytd-1920");
        var phone = await _browser.OpenPhoneAsync(address, "/?period=7d");
        await Expect(phone.Locator(".period-switch a[data-period='7d']")).ToHaveAttributeAsync("aria-current", "true");
        await HeadlessChromium.ScreenshotAsync(phone, "wallboard-period-7d-390");
    }

    [Fact]
    public async Task TheKioskOpensOnItsConfiguredPeriodAndAScreensAddressOverridesIt()
    {
        using var app = new MonthToDateKiosk();
        var address = app.StartOnLoopback();
        await PostThreeDaysAsync(address);

        var kiosk = await _browser.OpenAsync(address, "/?kiosk=1&rotate=3600", 1920, 1080);
        var desk = await _browser.OpenAsync(address, "/", 1920, 1080);
        var today = await _browser.OpenAsync(address, "/?kiosk=1&rotate=3600&period=today", 1920, 1080);

        await Expect(kiosk.Locator(".period-switch")).ToHaveAttributeAsync("data-period", "mtd");
        await Expect(kiosk.Locator(".tile[data-kpi='dossier.onlineRate'] .tile-ratio"))
            .ToHaveTextAsync(Ratio(Expected(Today.Day - 1)), new() { Timeout = 10_000 });
        await Expect(desk.Locator(".period-switch")).ToHaveAttributeAsync("data-period", "today");
        await Expect(today.Locator(".period-switch")).ToHaveAttributeAsync("data-period", "today");
        await HeadlessChromium.ScreenshotAsync(kiosk, "wallboard-period-kiosk-mtd-1920");
    }

    private DateOnly Today => DateOnly.FromDateTime(_now.DateTime);

    /// <summary>(online, received) of the days at most <paramref name="daysBack"/> before today.</summary>
    private static (int Online, int Received) Expected(int daysBack) =>
        (1 + (daysBack >= 20 ? 4 : 0), 2 + (daysBack >= 3 ? 3 : 0) + (daysBack >= 20 ? 4 : 0));

    private static string Ratio((int Online, int Received) figures) => $"{figures.Online} / {figures.Received}";

    private async Task PostThreeDaysAsync(Uri address)
    {
        using var producer = Posting.Producer(address, IocWebFactory.ProducerKey);
        // Noon, or a minute ago (not before midnight) early in the day: every event is in the past and on its own local day.
        var today = _now.Hour >= 13 ? new DateTimeOffset(_now.Year, _now.Month, _now.Day, 12, 0, 0, _now.Offset) : TestClock.RecentToday(1, _now);
        var threeDaysAgo = new DateTimeOffset(_now.Year, _now.Month, _now.Day, 10, 0, 0, _now.Offset).AddDays(-3);
        var twentyDaysAgo = threeDaysAgo.AddDays(-17);
        await producer.PostOrFailAsync(
            WireEvents.Received("p1", today, "online"), WireEvents.Received("p2", today, "in_person"),
            WireEvents.Received("p3", threeDaysAgo, "in_person"), WireEvents.Received("p4", threeDaysAgo, "in_person"), WireEvents.Received("p5", threeDaysAgo, "in_person"),
            WireEvents.Received("p6", twentyDaysAgo, "online"), WireEvents.Received("p7", twentyDaysAgo, "online"),
            WireEvents.Received("p8", twentyDaysAgo, "online"), WireEvents.Received("p9", twentyDaysAgo, "online"));
    }

    /// <summary>An app whose kiosks open on month to date (Wallboard:KioskPeriod).</summary>
    private sealed class MonthToDateKiosk : IocWebFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Wallboard:KioskPeriod"] = "mtd",
        };
    }
}
