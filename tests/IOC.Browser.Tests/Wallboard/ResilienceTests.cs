using IOC.Browser.Tests.Infrastructure;
using IOC.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Wallboard;

/// <summary>
/// What a leader in front of the TV sees when the server freezes or restarts, against the real server as a child
/// process (SIGSTOP freezes it with its sockets open; SIGKILL and a new process on the same port restart it).
/// </summary>
public sealed class ResilienceTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private static readonly LocatorAssertionsToBeVisibleOptions Patiently = new() { Timeout = 30_000 };

    private readonly HeadlessChromium _browser;
    private readonly TempFolder _data = new("ioc-browser-");

    public ResilienceTests(HeadlessChromium browser) => _browser = browser;

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task TheStaleWarningAppearsWhenUpdatesStopAndClearsWhenTheyResume()
    {
        using var app = await AppProcess.StartAsync(new AppProcessOptions { DataDir = _data.Path });
        var page = await _browser.OpenAsync(app.Address, "/");
        await WaitForLiveAsync(page);
        await Expect(page.Locator(".stale-banner")).ToBeHiddenAsync();

        app.Pause();
        try
        {
            await Expect(page.Locator(".stale-banner")).ToBeVisibleAsync(Patiently);
            await Expect(page.Locator(".stale-banner")).ToContainTextAsync("Số liệu không được cập nhật");
            await Expect(page.Locator("body")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-stale"));
            await HeadlessChromium.ScreenshotAsync(page, "wallboard-stale");
        }
        finally
        {
            app.Resume();
        }

        await Expect(page.Locator(".stale-banner")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("body")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-stale"));
    }

    [Fact]
    public async Task AfterAServerRestartThePageComesBackByItselfWithTheSameFigures()
    {
        var first = await AppProcess.StartAsync(new AppProcessOptions { DataDir = _data.Path });
        var port = first.Port;
        var page = await _browser.OpenAsync(first.Address, "/");
        await WaitForLiveAsync(page);
        using (var producer = Posting.Producer(first.Address))
        {
            var now = TestClock.RecentToday(1);
            await producer.PostOrFailAsync(
                WireEvents.Received("restart-1", now, channel: "online"),
                WireEvents.Received("restart-2", now, channel: "in_person"));
        }

        var onlineRate = page.Locator(".view-city .tile[data-kpi='dossier.onlineRate'] .tile-value");
        await Expect(onlineRate).ToHaveTextAsync("50%");

        first.Kill();
        first.Dispose();
        await Expect(page.Locator("#components-reconnect-modal")).ToBeVisibleAsync(Patiently);
        await Expect(page.Locator("#components-reconnect-modal")).ToContainTextAsync("Mất kết nối tới máy chủ");
        await HeadlessChromium.ScreenshotAsync(page, "wallboard-reconnecting");
        using var second = await AppProcess.StartAsync(new AppProcessOptions { DataDir = _data.Path, Port = port });

        await Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync(new() { Timeout = 60_000 });
        await WaitForLiveAsync(page);
        await Expect(onlineRate).ToHaveTextAsync("50%");
        await Expect(page.Locator(".stale-banner")).ToBeHiddenAsync();
    }

    /// <summary>The circuit is up and the browser has seen at least two server updates of the freshness stamp.</summary>
    private static async Task WaitForLiveAsync(IPage page)
    {
        await HeadlessChromium.WaitForCircuitAsync(page);
        var first = await page.Locator("[data-fresh]").GetAttributeAsync("data-asof", new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync(
            "asOf => document.querySelector('[data-fresh]')?.dataset.asof !== asOf",
            first,
            new() { Timeout = 30_000 });
    }
}
