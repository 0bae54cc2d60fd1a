using System.Net;
using IOC.Browser.Tests.Infrastructure;
using IOC.Cluster.Tests.Drill;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Cluster;

/// <summary>
/// The wallboard through the cluster's one address (nginx from scripts/cluster.sh): when the node that serves the page
/// dies, the page comes back by itself through another node, with the same figures, and nobody clicks.
/// </summary>
public sealed class ClusterFrontTests(HeadlessChromium browser) : IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task TheWallboardThroughTheFrontComesBackByItselfWhenItsNodeIsKilled()
    {
        await using var cluster = await ClusterScript.StartAsync(2, new Dictionary<string, string> { ["Simulator__Enabled"] = "false" });
        var page = await browser.OpenAsync(cluster.Front, "/");
        await HeadlessChromium.WaitForCircuitAsync(page);
        using (var producer = Posting.Producer(cluster.Front))
        {
            var now = TestClock.RecentToday(1);
            await producer.PostOrFailAsync(
                WireEvents.Received("front-1", now, channel: "online"),
                WireEvents.Received("front-2", now, channel: "in_person"));
        }

        var onlineRate = page.Locator(".view-city .tile[data-kpi='dossier.onlineRate'] .tile-value");
        await Expect(onlineRate).ToHaveTextAsync("50%", new() { Timeout = 30_000 });

        // nginx names the node behind this browser's sticky cookie (X-Ioc-Node): that one dies.
        var serving = await ServingNodeAsync(cluster, page);
        await cluster.KillAsync(serving);

        await Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync(new() { Timeout = 90_000 });
        await HeadlessChromium.WaitForCircuitAsync(page);
        await Expect(onlineRate).ToHaveTextAsync("50%", new() { Timeout = 30_000 });
        (await ServingNodeAsync(cluster, page)).Should().NotBe(serving, "the page now lives on the surviving node");
        await HeadlessChromium.ScreenshotAsync(page, "wallboard-after-node-loss");
    }

    /// <summary>The node (1-based) nginx sends this page's cookie to, read from the front's X-Ioc-Node header.</summary>
    private static async Task<int> ServingNodeAsync(ClusterScript cluster, IPage page)
    {
        var cookies = await page.Context.CookiesAsync([cluster.Front.ToString()]);
        using var handler = new HttpClientHandler { UseCookies = false };
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(cluster.Front, "/api/v1/kpi/definitions"));
        request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        using var response = await http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var upstream = response.Headers.GetValues("X-Ioc-Node").Last().Split(',').Last().Trim();
        var port = int.Parse(upstream.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        return cluster.Nodes.Select((n, i) => (n, i)).Single(x => x.n.Port == port).i + 1;
    }
}
