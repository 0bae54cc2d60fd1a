using IOC.Browser.Tests.Infrastructure;
using IOC.Ingestion.Tests.Inbox.Postgres;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Alerts;

/// <summary>
/// The /alerts page of a node whose alert store (a real PostgreSQL from scripts/postgres.sh) is stopped by its PID: a
/// duty officer's acknowledgement is refused with a message in Vietnamese naming the store, nothing is done, and the
/// same press works once the server is back. Screenshot: artifacts/screenshots/alerts-store-down.png.
/// </summary>
public sealed class AlertStoreDownPageTests(HeadlessChromium browser) : IClassFixture<HeadlessChromium>, IAsyncLifetime
{
    private const string Id = "down-satisfaction:ward:00082";
    private readonly PostgresServer _server = new();
    private IocWebFactory? _app;
    private Uri? _address;

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        _app = new StoreFactory(await _server.NewDatabaseAsync());
        _address = _app.StartOnLoopback();
    }

    public async Task DisposeAsync()
    {
        _app?.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AnAcknowledgementWhileTheAlertStoreIsDownIsRefusedWithAClearMessageAndWorksOnceItIsBack()
    {
        var (page, firing) = await SatisfactionRule.OpenFiringAsync(browser, _address!, "down-satisfaction", "d");
        await page.Locator("[data-who]").FillAsync("Trực ban Hà");
        await firing.Locator("[data-ack]").ClickAsync();
        await page.Locator("[data-note]").FillAsync("Đã gọi phường");

        await _server.StopAsync();
        try
        {
            await page.Locator("[data-confirm-ack]").ClickAsync();
            var port = new Npgsql.NpgsqlConnectionStringBuilder(_server.ConnectionString).Port;
            await Expect(page.Locator(".alert-error[role='alert']")).ToContainTextAsync(
                $"Không thực hiện được: kho lưu cảnh báo (PostgreSQL 127.0.0.1:{port}/", new() { Timeout = 15_000 });
            await Expect(page.Locator(".alert-error[role='alert']")).ToContainTextAsync("thao tác chưa được ghi nhận");
            await Expect(firing).ToBeVisibleAsync();
            await Expect(page.Locator("[data-confirm-ack]")).ToBeVisibleAsync();
            await HeadlessChromium.ScreenshotAsync(page, "alerts-store-down");
        }
        finally
        {
            await _server.StartAsync();
        }

        // The same press, once the server is back (its pooled connections are found dead and replaced on the way).
        var acknowledged = page.Locator($"[data-group='acknowledged'] [data-alert='{Id}']");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await acknowledged.CountAsync() == 0)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the acknowledgement goes through once the store is back");
            // The button is disabled while a press waits on the store; the form closes once one goes through.
            var confirm = page.Locator("[data-confirm-ack]");
            try
            {
                if (await confirm.IsVisibleAsync() && await confirm.IsEnabledAsync(new() { Timeout = 1_000 }))
                {
                    await confirm.ClickAsync(new() { Timeout = 2_000 });
                }
            }
            catch (TimeoutException)
            {
                // The form closed between the look and the press.
            }

            await Task.Delay(1_000);
        }

        await Expect(acknowledged).ToContainTextAsync("Trực ban Hà");
        await Expect(page.Locator(".alert-error[role='alert']")).ToHaveCountAsync(0);
    }

    /// <summary>The app with its access and alert stores in the database; the inbox stays in SQLite, so events keep arriving.</summary>
    private sealed class StoreFactory(string database) : IocWebFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Storage:Access"] = "postgres",
            ["ConnectionStrings:Access"] = database,
            ["Storage:Alerts"] = "postgres",
            ["ConnectionStrings:Alerts"] = database,
        };
    }
}
