using System.Security.Claims;
using IOC.Access.Audit;
using IOC.Browser.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Alerts;

/// <summary>
/// An acknowledgement is done but its audit line cannot be written (the access store failing after the alert store
/// answered; a CI run met it when both were one PostgreSQL that had just restarted): the alert is acknowledged, the page
/// says the audit line is missing, and the page keeps working (its circuit used to die on the unhandled exception).
/// </summary>
public sealed class AlertAuditFailureTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private const string Id = "audit-satisfaction:ward:00082";
    private readonly HeadlessChromium _browser;
    private readonly FailingAuditFactory _app = new();
    private readonly Uri _address;

    public AlertAuditFailureTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnAcknowledgementWhoseAuditLineFailsStandsAndThePageSaysSoAndKeepsWorking()
    {
        var (page, firing) = await SatisfactionRule.OpenFiringAsync(_browser, _address, "audit-satisfaction", "a");
        await page.Locator("[data-who]").FillAsync("Trực ban Hà");
        await firing.Locator("[data-ack]").ClickAsync();
        await page.Locator("[data-confirm-ack]").ClickAsync();

        var acknowledged = page.Locator($"[data-group='acknowledged'] [data-alert='{Id}']");
        await Expect(acknowledged).ToContainTextAsync("Trực ban Hà", new() { Timeout = 10_000 });
        await Expect(page.Locator("[data-audit-error]")).ToContainTextAsync("chưa ghi được vào nhật ký kiểm tra");

        // Still live: the next action (a silence form) opens, which a dead circuit would not do.
        await acknowledged.Locator("[data-silence]").ClickAsync();
        await Expect(page.Locator("[data-reason]")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(page.Locator("[data-audit-error]")).ToHaveCountAsync(0);
    }

    private sealed class FailingAuditFactory : IocWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IAuditLog, FailingAudit>());
        }
    }

    /// <summary>Refuses the acknowledgement's line (as EF Core words a transient failure); takes every other (the start's own).</summary>
    private sealed class FailingAudit : IAuditLog
    {
        public Task WriteAsync(string action, ClaimsPrincipal? actor, string? address, string target, string detail = "", bool succeeded = true, CancellationToken ct = default) =>
            action == AuditActions.AlertAcknowledged
                ? throw new InvalidOperationException("An exception has been raised that is likely due to a transient failure.")
                : Task.CompletedTask;
    }
}
