using System.Text;
using System.Text.Json.Nodes;
using IOC.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Ward;

/// <summary>The ward drill-down in Chromium against the app in memory, served on a loopback port.</summary>
public sealed class WardPageTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private readonly HeadlessChromium _browser;
    private readonly IocWebFactory _app = new();
    private readonly Uri _address;

    public WardPageTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheWardPageShowsTodaysFiguresAndSevenDaysAddsTheOlderDossiers()
    {
        await PostTodayAndFourDaysAgoAsync();

        var page = await _browser.OpenAsync(_address, "/wards/00082", 1600, 2600);

        await Expect(page.Locator("h1")).ToContainTextAsync("Cửa Nam");
        var received = page.Locator("tr[data-kpi='dossier.received'] .kpi-value");
        var online = page.Locator("tr[data-kpi='dossier.onlineRate'] .kpi-value");
        await Expect(received).ToHaveTextAsync("3");
        await Expect(online).ToContainTextAsync("66,7%");
        await Expect(page.Locator("a[data-range='today']")).ToHaveAttributeAsync("aria-current", "true");
        await HeadlessChromium.WaitForCircuitAsync(page);

        await page.Locator("a[data-range='7d']").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("range=7d"));
        await Expect(received).ToHaveTextAsync("5");
        await Expect(online).ToContainTextAsync("40%");
        await Expect(page.Locator(".by-channel tr[data-channel='in_person'] td").First).ToHaveTextAsync("3");
        await Expect(page.Locator(".open-table tbody tr.open-overdue")).ToHaveCountAsync(2);
        await Expect(page.Locator(".history-chart[data-group='dossier']")).ToHaveAttributeAsync("data-step", "1h");
        await HeadlessChromium.ScreenshotAsync(page, "ward-00082");
    }

    [Fact]
    public async Task TheCsvExportDownloadsTheRowsThePageShowsInThePagesLanguage()
    {
        await PostTodayAndFourDaysAgoAsync();
        var page = await _browser.OpenAsync(_address, "/wards/00082?range=7d");
        // Read the rows once the page is interactive: the circuit's first render replaces the prerendered table, and a
        // read in between found none (a loaded machine, 2026-12-04).
        await HeadlessChromium.WaitForCircuitAsync(page);
        await Expect(page.Locator(".kpis tr[data-kpi]").First).ToBeAttachedAsync();
        var from = await page.Locator(".kpis").GetAttributeAsync("data-from");
        var to = await page.Locator(".kpis").GetAttributeAsync("data-to");
        var shown = await page.Locator(".kpis tr[data-kpi]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.kpi)");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-export='summary'] a[data-format='csv']").ClickAsync());
        var path = await download.PathAsync();

        download.SuggestedFilename.Should().EndWith(".csv").And.NotEndWith("-en.csv");
        var rows = (await File.ReadAllLinesAsync(path!, Encoding.UTF8)).Where(l => l.Length > 0).Select(l => l.Split(';').Select(f => f.Trim('"')).ToArray()).ToList();
        using var client = new HttpClient { BaseAddress = _address };
        var json = JsonNode.Parse(await client.GetStringAsync($"/api/v1/history/units/00082/summary?from={from}&to={to}"))!;
        rows[0].Take(4).Should().Equal("Nhóm", "Mã chỉ số", "Chỉ số", "Giá trị");
        rows.Skip(1).Select(r => r[1]).Should().Equal(shown, "the rows the page shows, in its order, and no others");
        var received = rows.Single(r => r[1] == "dossier.received");
        var receivedJson = json["kpis"]!.AsArray().Single(k => (string?)k!["id"] == "dossier.received")!;
        received[3].Should().Be(receivedJson["value"]!["value"]!.ToString()).And.Be("5");
    }

    [Fact]
    public async Task TheEnglishPageDownloadsTheEnglishFile()
    {
        await PostTodayAndFourDaysAgoAsync();
        var page = await _browser.OpenAsync(_address, "/wards/00082?range=7d&lang=en");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-export='dossiers'] a[data-format='csv']").ClickAsync());

        download.SuggestedFilename.Should().EndWith("-en.csv");
        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!, Encoding.UTF8)).ToList();
        lines[0].Should().StartWith("\"Procedure\",\"Procedure name\",\"Name from\",\"Received\",\"Online\"");
    }

    [Fact]
    public async Task AWardNameOnTheWallboardLinksToItsPage()
    {
        using var producer = _app.CreateProducer();
        // Five dossiers, none online: the ward falls short of 60% online with enough dossiers to be listed.
        await producer.PostOrFailAsync([.. Enumerable.Range(0, 5).Select(i => WireEvents.Received($"link-{i}", TestClock.RecentToday(2), channel: "in_person", unit: "00082"))]);
        var page = await _browser.OpenAsync(_address, "/?rank=dossier.onlineRate");

        // A click while the circuit starts can change the address without rendering the page (Blazor takes over the
        // prerendered links then); a person clicks later than a test does.
        await HeadlessChromium.WaitForCircuitAsync(page);
        await page.Locator(".ranking tr[data-ward='00082'] a.ward-link").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/wards/00082"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Cửa Nam");
        await Expect(page.Locator("tr[data-kpi='dossier.received'] .kpi-value")).ToHaveTextAsync("5");
    }

    [Fact]
    public async Task ThePickerFindsCuaNamWithoutDiacriticsAndAnUnknownCodeSaysNotFound()
    {
        var page = await _browser.OpenAsync(_address, "/wards/99999");
        await Expect(page.Locator(".not-found")).ToHaveTextAsync("Không tìm thấy phường, xã có mã 99999.");
        await HeadlessChromium.WaitForCircuitAsync(page);

        await SearchAsync(page, "cua nam");
        await page.Locator(".ward-matches a[data-ward='00082']").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/wards/00082"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Cửa Nam");
    }

    /// <summary>Today: 2 online and 1 in person; four days ago: 2 in person, due a day ago, so overdue now.</summary>
    private async Task PostTodayAndFourDaysAgoAsync()
    {
        var now = TestClock.RecentToday(2);
        var old = DateTimeOffset.UtcNow.AddDays(-4);
        using var producer = _app.CreateProducer();
        await producer.PostOrFailAsync(
            WireEvents.Received("new-1", now, channel: "online", unit: "00082"),
            WireEvents.Received("new-2", now, channel: "online", unit: "00082"),
            WireEvents.Received("new-3", now, channel: "in_person", unit: "00082"),
            WireEvents.Received("old-1", old, channel: "in_person", unit: "00082"),
            WireEvents.Received("old-2", old.AddMinutes(1), channel: "in_person", unit: "00082"));
    }

    /// <summary>Types as a person would, key by key, and waits for the matches.</summary>
    private static async Task SearchAsync(IPage page, string text)
    {
        await page.Locator("#ward-search").PressSequentiallyAsync(text);
        await Expect(page.Locator(".ward-matches")).ToBeVisibleAsync();
    }
}
