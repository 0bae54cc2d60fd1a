using IOC.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Ward;

/// <summary>
/// The nowcast on the ward page and in the review, in Chromium, from dossiers received on the four days before today
/// and today (figures by hand are in the bUnit tests: here the pages must read the history and say it in words).
/// Screenshots: artifacts/screenshots/ward-nowcast-1920.png, ward-nowcast-390.png, review-nowcast.png.
/// </summary>
public sealed class NowcastPageTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
    private readonly HeadlessChromium _browser;
    private readonly IocWebFactory _app = new();
    private readonly Uri _address;

    public NowcastPageTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheWardPageSaysWhereTheMonthAndYearWillEndAndWhatItTakesInVietnameseThenEnglish()
    {
        await PostFiveDaysAsync(unit: WireEvents.Ward, agency: null);

        var page = await _browser.OpenAsync(_address, "/wards/00082", 1920, 1080);

        var month = page.Locator("[data-nowcast] [data-kpi='dossier.fullProcessOnlineRate'] [data-horizon='month']");
        await Expect(month.Locator(".nowcast-projection")).ToContainTextAsync($"Dự báo cuối tháng {Now.Month}: ");
        await Expect(month.Locator(".nowcast-needed")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"^(Cần thêm [\d.]+ hồ sơ trực tuyến toàn trình|Không)"));
        await Expect(page.Locator("[data-nowcast] [data-kpi='dossier.fullProcessOnlineRate'] [data-horizon='year']")).ToContainTextAsync($"Dự báo cuối năm {Now.Year}: ");
        await HeadlessChromium.WaitForCircuitAsync(page);   // the interactive render loads the page again: scroll after it
        await Expect(month).ToBeVisibleAsync();
        await page.Locator("[data-nowcast]").ScrollIntoViewIfNeededAsync();
        await HeadlessChromium.ScreenshotAsync(page, "ward-nowcast-1920");

        var english = await _browser.OpenPhoneAsync(_address, "/wards/00082?lang=en");
        await Expect(english.Locator("#nowcast-title")).ToHaveTextAsync("Where the month and the year will end");
        await Expect(english.Locator("[data-nowcast] [data-kpi='dossier.fullProcessOnlineRate'] [data-horizon='month'] .nowcast-projection"))
            .ToContainTextAsync("Projected for the end of ");
        await HeadlessChromium.WaitForCircuitAsync(english);
        await Expect(english.Locator("[data-nowcast] [data-horizon]").First).ToBeVisibleAsync();
        await english.Locator("[data-nowcast]").ScrollIntoViewIfNeededAsync();
        await HeadlessChromium.ScreenshotAsync(english, "ward-nowcast-390");
    }

    [Fact]
    public async Task TheReviewOfTheRunningMonthSaysWhereEachCommitmentWillEnd()
    {
        await PostFiveDaysAsync(unit: null, agency: "TTPVHCC");

        var page = await _browser.OpenAsync(_address, "/review", 1600, 1500);

        var cell = page.Locator(".review-table tr[data-kpi='dossier.fullProcessOnlineRate'] td[data-agency='TTPVHCC'] [data-nowcast]");
        await Expect(cell).ToContainTextAsync($"Dự báo cuối tháng {Now.Month}: ");
        await HeadlessChromium.ScreenshotAsync(page, "review-nowcast");
    }

    /// <summary>10 dossiers a day for four days (2 full-process online each), and 4 today (none).</summary>
    private async Task PostFiveDaysAsync(string? unit, string? agency)
    {
        using var producer = Posting.Producer(_address, IocWebFactory.ProducerKey);
        var morning = new DateTimeOffset(Now.Year, Now.Month, Now.Day, 9, 0, 0, Now.Offset);
        var events = new List<System.Text.Json.Nodes.JsonObject>();
        for (var back = 4; back >= 1; back--)
        {
            for (var i = 0; i < 10; i++)
            {
                events.Add(WireEvents.Received($"n{back}-{i}", morning.AddDays(-back).AddMinutes(i), "online", fullProcess: i < 2, unit: unit, agency: agency));
            }
        }

        var today = Now.Hour >= 10 ? morning : Now.AddMinutes(-1);
        for (var i = 0; i < 4; i++)
        {
            events.Add(WireEvents.Received($"n0-{i}", today.AddSeconds(i), "online", unit: unit, agency: agency));
        }

        await producer.PostOrFailAsync([.. events]);
    }
}
