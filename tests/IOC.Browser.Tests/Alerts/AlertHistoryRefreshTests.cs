using IOC.Alerts.Storage;
using IOC.Browser.Tests.Infrastructure;
using IOC.Grains.Alerts.Evaluation;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Alerts;

/// <summary>
/// The /alerts page's history shows a change once the writer has stored it, even though the page heard of the change
/// (from the board) before it was stored. Here every write to the alert store takes two seconds, so a page that re-read
/// the history only when the board changed showed neither the firing nor the acknowledgement (a CI run under load lost
/// that race in AlertsPageTests).
/// </summary>
public sealed class AlertHistoryRefreshTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private const string Id = "slow-satisfaction:ward:00082";
    private readonly HeadlessChromium _browser;
    private readonly DecoratedStoreFactory _app = new(store => new SlowWrites(store));
    private readonly Uri _address;

    public AlertHistoryRefreshTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheHistoryShowsTheFiringAndTheAcknowledgementOnceTheyAreStoredWithoutAnythingElseChanging()
    {
        var (page, firing) = await SatisfactionRule.OpenFiringAsync(_browser, _address, "slow-satisfaction", "s");
        // Shorter than the page's catch-up re-read (10 s): only the writer's word can bring the rows this soon.
        await Expect(page.Locator("[data-history]").First).ToContainTextAsync("Bắt đầu cảnh báo", new() { Timeout = 6_000 });

        await page.Locator("[data-who]").FillAsync("Trực ban Hà");
        await firing.Locator("[data-ack]").ClickAsync();
        await page.Locator("[data-confirm-ack]").ClickAsync();
        await Expect(page.Locator($"[data-group='acknowledged'] [data-alert='{Id}']")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(page.Locator("[data-history]").First).ToContainTextAsync("Được xác nhận", new() { Timeout = 6_000 });
        await Expect(page.Locator("[data-history]").First).ToContainTextAsync("Trực ban Hà");
    }

    /// <summary>The real store, but every write of changes lands two seconds late (a busy disk, a far database).</summary>
    private sealed class SlowWrites(IAlertStore inner) : AlertStoreDecorator(inner)
    {
        public override void Write(IReadOnlyList<AlertChange> changes)
        {
            Thread.Sleep(TimeSpan.FromSeconds(2));
            base.Write(changes);
        }
    }
}
