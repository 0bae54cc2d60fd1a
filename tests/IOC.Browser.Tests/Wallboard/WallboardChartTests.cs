using IOC.Browser.Tests.Infrastructure;
using IOC.Dashboards.Models;
using IOC.Domain.Time;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Wallboard;

/// <summary>The hotline's calls chart and the tiles' trends as drawn in Chromium.</summary>
public sealed class WallboardChartTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private readonly HeadlessChromium _browser;
    private readonly IocWebFactory _app = new();
    private readonly Uri _address;

    public WallboardChartTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheCallsChartSpansTheDayWithWholeBarsAndALabelledTop()
    {
        await PostCallsAsync();
        var page = await _browser.OpenAsync(_address, "/", 1920, 1080);
        await HeadlessChromium.WaitForCircuitAsync(page);

        // The calls reach the chart within a publisher tick or two, later on a loaded machine (a CI run measured it
        // after a fixed second and found no bar): measured once the chart has its axis and a bar.
        await page.WaitForFunctionAsync("""
            () => document.querySelector('.calls-chart .rz-value-axis .rz-line') !== null
              && [...document.querySelectorAll('.calls-chart .rz-column-series path')].some(p => p.getBoundingClientRect().height > 0)
            """, null, new() { Timeout = 15_000 });
        await page.WaitForTimeoutAsync(300);

        var chart = await MeasureAsync(page);

        chart.Labels.Should().Equal("00:00", "04:00", "08:00", "12:00", "16:00", "20:00", "24:00");
        chart.Bars.Should().NotBeEmpty().And.AllSatisfy(b =>
        {
            b[0].Should().BeGreaterThanOrEqualTo(chart.Left - 0.5, "no bar is cut at the start of the day");
            b[1].Should().BeLessThanOrEqualTo(chart.Right + 0.5, "no bar is cut at the end");
            (b[1] - b[0]).Should().BeApproximately((chart.Right - chart.Left) / 288, 0.5, "a bar is as wide as its five minutes of the day");
        });
        chart.Values[^1].Should().Be(chart.Max, "the top of the value axis has its label");
        chart.ValueTops[^1].Should().BeApproximately(chart.PlotTop, 1);
    }

    [Fact]
    public async Task InKioskModeTheCallsChartHasLargeAxisTextAndLightBarsOnTheDarkTheme()
    {
        await PostCallsAsync();

        // The hotline is the fourth view: rotate quickly to reach it.
        var page = await _browser.OpenAsync(_address, "/?kiosk=1&rotate=3", 1920, 1080);
        await Expect(page.Locator(".wall")).ToHaveAttributeAsync("data-view", "hotline", new() { Timeout = 20_000 });
        await page.WaitForTimeoutAsync(800);

        var style = await page.EvaluateAsync<string[]>("""
            () => [getComputedStyle(document.querySelector('.calls-chart .rz-tick-text')).fontSize,
                   getComputedStyle(document.querySelector('.calls-chart .rz-column-series path')).fill]
            """);

        await HeadlessChromium.ScreenshotAsync(page, "kiosk-hotline");
        double.Parse(style[0].Replace("px", ""), System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(20, "axis text is read from 5 m");
        style[1].Should().Be("rgb(108, 182, 255)", "the bars are the dark theme's light blue, not the library's dark purple");
    }

    [Fact]
    public async Task ATileTrendWithASinglePointShowsThatPointFromTheFirstRender()
    {
        // The trend has a point per half hour: an event in the half hour before now, or a test running across a half
        // hour's end, gives it two (a CI run at a half hour's turn met that).
        var at = TestClock.RecentInStep(WallboardData.TrendStep, 1, margin: TimeSpan.FromMinutes(2));
        using var producer = _app.CreateProducer();
        await producer.PostOrFailAsync(WireEvents.Received("one-1", at, channel: "online"));
        using var client = new HttpClient { BaseAddress = _address };

        // The event reaches the city's figures within a publisher tick or two; the first page served after that
        // must already carry the point in its prerendered HTML.
        var prerendered = "";
        for (var i = 0; i < 40 && !prerendered.Contains("data-points=\"1\"", StringComparison.Ordinal); i++)
        {
            await Task.Delay(250);
            prerendered = await client.GetStringAsync("/");
        }

        var page = await _browser.OpenAsync(_address, "/", 1920, 1080);
        await HeadlessChromium.WaitForCircuitAsync(page);
        var trend = page.Locator(".tile[data-kpi='dossier.onlineRate'] .trend");
        await Expect(trend).ToHaveAttributeAsync("data-points", "1");

        // The chart draws its series once its script has measured the tile, a moment after the circuit starts.
        const string MarkerSize = """
            t => { const m = [...t.querySelectorAll('svg *')].filter(e => /marker/.test(e.getAttribute('class') || '') && e.getBBox)
                                                          .map(e => e.getBoundingClientRect()).find(r => r.width > 0);
                   return m ? [m.width, m.height] : [0, 0]; }
            """;
        await page.WaitForFunctionAsync($"t => ({MarkerSize})(t)[0] > 0", await trend.ElementHandleAsync(), new() { Timeout = 10_000 });
        var marker = await trend.EvaluateAsync<double[]>(MarkerSize);

        prerendered.Should().Contain("data-points=\"1\"", "a reloaded page shows the trend at once, not after the first half hour");
        marker[0].Should().BeGreaterThan(3, "the single point is drawn as a visible dot");
    }

    private async Task PostCallsAsync()
    {
        // One call in the day's first five minutes (the first bar) and a busy five minutes now.
        var midnight = VietnamTime.StartOfDay(VietnamTime.LocalDate(DateTimeOffset.UtcNow));
        var now = TestClock.RecentToday(1);
        using var producer = _app.CreateProducer();
        await producer.PostOrFailAsync(
        [
            WireEvents.Call("first", midnight.AddMinutes(1), answered: true, wait: 5, handle: 60),
            .. Enumerable.Range(0, 7).Select(i => WireEvents.Call($"now-{i}", now, answered: true, wait: 5, handle: 60)),
        ]);
    }

    private static async Task<CallsChart> MeasureAsync(IPage page) => System.Text.Json.JsonSerializer.Deserialize<CallsChart>(
        await page.EvaluateAsync<string>("""
        () => JSON.stringify((() => {
          const c = document.querySelector('.calls-chart');
          const axis = c.querySelector('.rz-value-axis .rz-line').getBoundingClientRect();
          const grid = [...c.querySelectorAll('.rz-grid-line')].map(g => g.getBoundingClientRect());
          const ticks = [...c.querySelectorAll('.rz-value-axis .rz-tick-text')];
          return {
            left: axis.left, right: Math.max(...grid.map(g => g.right)), plotTop: axis.top,
            bars: [...c.querySelectorAll('.rz-column-series path')].map(p => p.getBoundingClientRect()).filter(r => r.height > 0).map(r => [r.left, r.right]),
            labels: [...c.querySelectorAll('.rz-category-axis .rz-tick-text')].map(t => t.textContent),
            values: ticks.map(t => Number(t.textContent.replace(/\./g, ''))),
            valueTops: ticks.map(t => { const r = t.getBoundingClientRect(); return (r.top + r.bottom) / 2; }),
            max: Number(c.dataset.max),
          };
        })())
        """), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;

    private sealed record CallsChart(double Left, double Right, double PlotTop, double[][] Bars, string[] Labels, double[] Values, double[] ValueTops, double Max);
}
