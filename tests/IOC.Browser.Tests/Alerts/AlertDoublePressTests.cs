using IOC.Alerts.Storage;
using IOC.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Alerts;

/// <summary>
/// A duty officer's acknowledgement waits on a slow alert store (one reconnecting after an outage): the button is
/// disabled until the store answers, and a second submission meanwhile does nothing. A CI run once pressed twice while
/// PostgreSQL came back: the first press acknowledged the alert, the second was refused a moment later, and the page
/// showed that refusal under the acknowledged alert.
/// </summary>
public sealed class AlertDoublePressTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private const string Id = "press-satisfaction:ward:00082";
    private readonly HeadlessChromium _browser;
    private readonly DecoratedStoreFactory _app = new(store => new Reconnecting(store));
    private readonly Uri _address;

    public AlertDoublePressTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ASecondSubmissionWhileTheFirstWaitsOnTheStoreDoesNothingAndLeavesNoRefusalBehind()
    {
        var (page, firing) = await SatisfactionRule.OpenFiringAsync(_browser, _address, "press-satisfaction", "p");
        await page.Locator("[data-who]").FillAsync("Trực ban Hà");
        await firing.Locator("[data-ack]").ClickAsync();

        await page.Locator("[data-confirm-ack]").ClickAsync();
        await Expect(page.Locator("[data-confirm-ack]")).ToBeDisabledAsync(new() { Timeout = 1_000 });
        // A disabled button takes no click; a second submission is still possible (a script, a stale render).
        await page.Locator("form.alert-form").EvaluateAsync("form => form.requestSubmit()");

        await Expect(page.Locator($"[data-group='acknowledged'] [data-alert='{Id}']")).ToContainTextAsync("Trực ban Hà", new() { Timeout = 10_000 });
        // Longer than the refused ping takes: a second press let through would show its refusal by now.
        await Task.Delay(Reconnecting.Slow);
        await Expect(page.Locator(".alert-error[role='alert']")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// A ping takes two seconds; one made while another is under way is refused a second later than that (its
    /// connection attempt times out while the pool reconnects), so it answers after the first.
    /// </summary>
    private sealed class Reconnecting(IAlertStore inner) : AlertStoreDecorator(inner)
    {
        public static readonly TimeSpan Slow = TimeSpan.FromSeconds(2);
        private int _pinging;

        public override async Task PingAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _pinging, 1) == 1)
            {
                await Task.Delay(Slow + TimeSpan.FromSeconds(1), cancellationToken);
                throw new AlertStoreUnavailableException(Describe, new TimeoutException("reconnecting"));
            }

            try
            {
                await Task.Delay(Slow, cancellationToken);
                await base.PingAsync(cancellationToken);
            }
            finally
            {
                Volatile.Write(ref _pinging, 0);
            }
        }
    }
}
