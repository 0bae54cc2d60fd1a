using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace IOC.Cluster.Tests.Drill;

/// <summary>
/// A leader's wallboard in Debian's headless Chromium (Playwright), opened through the cluster's front (nginx) with a
/// sticky cookie that nginx sends to a chosen node, so that the drill can kill the very node that serves the page.
/// Reads the city's dossiers received today from the page (the denominator under the online-rate tile: it grows with
/// every event the producer posts) and which node nginx sends the page to (its X-Ioc-Node header).
/// </summary>
public sealed partial class DrillWallboard : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly ClusterScript _cluster;
    private readonly string _cookie;

    private DrillWallboard(IPlaywright playwright, IBrowser browser, ClusterScript cluster, string cookie, IPage page)
    {
        (_playwright, _browser, _cluster, _cookie, Page) = (playwright, browser, cluster, cookie, page);
    }

    public IPage Page { get; }

    /// <summary>The city's "dossiers received today" as the page shows it under the online-rate tile.</summary>
    private ILocator Received => Page.Locator(".view-city .tile[data-kpi='dossier.onlineRate'] .tile-ratio");

    /// <summary>Opens the wallboard through the front on a sticky cookie nginx hashes to node <paramref name="node"/> (1-based).</summary>
    public static async Task<DrillWallboard> OpenOnAsync(ClusterScript cluster, int node)
    {
        var cookie = await CookieForAsync(cluster, node);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Playwright's own browser download is not reachable here (tests/IOC.Browser.Tests does the same).
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "ioc_node", Value = cookie, Url = cluster.Front.ToString() }]);
        var page = await context.NewPageAsync();
        await page.GotoAsync(cluster.Front.ToString());
        await Assertions.Expect(page.Locator("[data-interactive='true']")).ToBeAttachedAsync(new() { Timeout = 60_000 });
        return new DrillWallboard(playwright, browser, cluster, cookie, page);
    }

    /// <summary>The dossiers received today the page shows now, or null while it shows none (or is not rendered).</summary>
    public async Task<long?> ReceivedAsync()
    {
        try
        {
            var text = await Received.TextContentAsync(new() { Timeout = 2_000 });
            var last = Count().Matches(text ?? "").LastOrDefault();
            return last is null ? null : long.Parse(Regex.Replace(last.Value, @"\D", ""), CultureInfo.InvariantCulture);
        }
        catch (TimeoutException)
        {
            return null;
        }
        catch (PlaywrightException)
        {
            return null;
        }
    }

    /// <summary>Blazor's reconnect dialog is not shown and the interactive circuit is up (nobody clicked anything).</summary>
    public async Task<bool> IsLiveAsync()
    {
        try
        {
            var reconnecting = await Page.Locator("#components-reconnect-modal").IsVisibleAsync();
            var interactive = await Page.Locator("[data-interactive='true']").CountAsync() > 0;
            return !reconnecting && interactive;
        }
        catch (PlaywrightException)
        {
            // The page is reloading (Blazor reloads a page whose circuit a new node rejects).
            return false;
        }
    }

    /// <summary>The node (1-based) nginx sends this page's cookie to now.</summary>
    public Task<int> ServingNodeAsync() => NodeOfCookieAsync(_cluster, _cookie);

    public async Task ScreenshotAsync(string name)
    {
        var dir = Directory.CreateDirectory(Path.Combine(RepoRoot(), "artifacts", "screenshots")).FullName;
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png") });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>A value of the sticky cookie that nginx's consistent hash sends to <paramref name="node"/>, found by asking the front.</summary>
    private static async Task<string> CookieForAsync(ClusterScript cluster, int node)
    {
        for (var i = 0; i < 200; i++)
        {
            var cookie = $"drill-{i}";
            if (await NodeOfCookieAsync(cluster, cookie) == node)
            {
                return cookie;
            }
        }

        throw new InvalidOperationException($"no sticky cookie of 200 tried reaches node {node} through the front");
    }

    private static async Task<int> NodeOfCookieAsync(ClusterScript cluster, string cookie)
    {
        using var handler = new HttpClientHandler { UseCookies = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(cluster.Front, "/api/v1/kpi/definitions"));
        request.Headers.Add("Cookie", $"ioc_node={cookie}");
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"the front answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        // "a, b" when nginx tried a node that failed first: the last one answered.
        var upstream = response.Headers.GetValues("X-Ioc-Node").Last().Split(',').Last().Trim();
        var port = int.Parse(upstream.Split(':')[1], CultureInfo.InvariantCulture);
        return cluster.Nodes.Select((n, i) => (n, i)).Single(x => x.n.Port == port).i + 1;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IOC.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("IOC.sln not found above the test's folder.");
    }

    /// <summary>A count as vi-VN or en-US writes it: 12.345, 12,345 or 12 345.</summary>
    [GeneratedRegex(@"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})*")]
    private static partial Regex Count();
}
