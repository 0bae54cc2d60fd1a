using IOC.Alerts.Storage;
using IOC.Browser.Tests.Infrastructure;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Rules;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
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
    private readonly SlowStoreFactory _app = new();
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
        var page = await _browser.OpenAsync(_address, "/alerts", 1920, 1080);
        await HeadlessChromium.WaitForCircuitAsync(page);
        using var producer = Posting.Producer(_address, IocWebFactory.ProducerKey);
        await SatisfactionRule.PostAsync(producer, "slow-satisfaction");
        var at = TestClock.RecentToday(1);
        await producer.PostOrFailAsync(WireEvents.Survey("s1", at, "satisfied"), WireEvents.Survey("s2", at, "dissatisfied"), WireEvents.Survey("s3", at, "dissatisfied"));

        var firing = page.Locator($"[data-group='firing'] [data-alert='{Id}']");
        await Expect(firing).ToBeVisibleAsync(new() { Timeout = 15_000 });
        // Shorter than the page's catch-up re-read (10 s): only the writer's word can bring the rows this soon.
        await Expect(page.Locator("[data-history]").First).ToContainTextAsync("Bắt đầu cảnh báo", new() { Timeout = 6_000 });

        await page.Locator("[data-who]").FillAsync("Trực ban Hà");
        await firing.Locator("[data-ack]").ClickAsync();
        await page.Locator("[data-confirm-ack]").ClickAsync();
        await Expect(page.Locator($"[data-group='acknowledged'] [data-alert='{Id}']")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(page.Locator("[data-history]").First).ToContainTextAsync("Được xác nhận", new() { Timeout = 6_000 });
        await Expect(page.Locator("[data-history]").First).ToContainTextAsync("Trực ban Hà");
    }

    private sealed class SlowStoreFactory : IocWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var real = services.Last(d => d.ServiceType == typeof(IAlertStore));
                services.Remove(real);
                services.AddSingleton<IAlertStore>(sp => new SlowWrites((IAlertStore)real.ImplementationFactory!(sp)));
            });
        }
    }

    /// <summary>The real store, but every write of changes lands two seconds late (a busy disk, a far database).</summary>
    private sealed class SlowWrites(IAlertStore inner) : IAlertStore, IDisposable
    {
        public void Dispose() => (inner as IDisposable)?.Dispose();

        public string Describe => inner.Describe;

        public Task PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);

        public void Write(IReadOnlyList<AlertChange> changes)
        {
            Thread.Sleep(TimeSpan.FromSeconds(2));
            inner.Write(changes);
        }

        public IReadOnlyList<AlertHistoryEntry> History(AlertHistoryFilter filter) => inner.History(filter);

        public void Audit(AlertAuditEntry entry) => inner.Audit(entry);

        public IReadOnlyList<AlertAuditEntry> AuditTrail(int limit = 500) => inner.AuditTrail(limit);

        public void AddDeadLetter(WebhookDeadLetter letter) => inner.AddDeadLetter(letter);

        public IReadOnlyList<WebhookDeadLetter> DeadLetters(int limit = 100) => inner.DeadLetters(limit);

        public Task<AlertConfig> LoadAsync(CancellationToken cancellationToken) => inner.LoadAsync(cancellationToken);

        public Task SaveRuleAsync(AlertRule rule, long version, CancellationToken cancellationToken) => inner.SaveRuleAsync(rule, version, cancellationToken);

        public Task SaveSilenceAsync(AlertSilence silence, long version, CancellationToken cancellationToken) => inner.SaveSilenceAsync(silence, version, cancellationToken);

        public Task<IReadOnlyList<AlertView>> LoadAsync(UnitKey unit, CancellationToken cancellationToken) => inner.LoadAsync(unit, cancellationToken);
    }
}
