using Microsoft.Playwright;

namespace IOC.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (its own browser download is not reachable here), one per test class.
/// Screenshots go to artifacts/screenshots/ at the repository root so a person can look at them.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    private IPlaywright? _playwright;

    /// <summary>For a test that needs a browser of its own (a persistent profile).</summary>
    public IPlaywright Playwright => _playwright!;

    public IBrowser Chromium { get; private set; } = null!;

    public static string ScreenshotDir { get; } = Directory.CreateDirectory(Path.Combine(AppProcess.RepoRoot(), "artifacts", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async Task<IPage> OpenAsync(Uri address, string path, int width = 1600, int height = 1000)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(address, path).ToString());
        return page;
    }

    /// <summary>A phone: a touch screen whose layout viewport is the device width (as on a real phone, a page wider
    /// than that widens the layout viewport instead of being clipped, so overflow shows in scrollWidth).</summary>
    public async Task<IPage> OpenPhoneAsync(Uri address, string path, int width = 390, int height = 844, string locale = "vi-VN")
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
            Locale = locale,
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(address, path).ToString());
        return page;
    }

    /// <summary>Prerendered HTML arrives before the interactive circuit; until it takes over, input does nothing.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive='true']")).ToBeAttachedAsync(new() { Timeout = 30_000 });

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDir, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        return path;
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
