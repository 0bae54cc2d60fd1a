using IOC.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Briefing;

/// <summary>The pages link to the one-page briefing, in the page's language, and the link answers a PDF.</summary>
public sealed class BriefingLinkTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private readonly HeadlessChromium _browser;
    private readonly IocWebFactory _app = new();
    private readonly Uri _address;

    public BriefingLinkTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheWallboardLinksToTodaysCityBriefing()
    {
        var page = await _browser.OpenAsync(_address, "/?lang=en");

        var link = page.Locator("a[data-nav='briefing']");

        await Expect(link).ToHaveTextAsync("Today's briefing (PDF)");
        await ExpectPdfAsync(await link.GetAttributeAsync("href"), "api/v1/briefings/city/01?period=day&lang=en");
    }

    [Fact]
    public async Task AWardPageLinksToItsBriefingForTheDayTheWeekAndTheMonth()
    {
        var page = await _browser.OpenAsync(_address, "/wards/00082");

        var links = page.Locator("[data-export='briefing'] a");

        await Expect(links).ToHaveCountAsync(3);
        await Expect(links.Nth(1)).ToHaveTextAsync("Tuần này");
        await ExpectPdfAsync(await links.Nth(1).GetAttributeAsync("href"), "api/v1/briefings/units/00082?period=week&lang=vi");
    }

    [Fact]
    public async Task AnAgencyPageLinksToItsBriefing()
    {
        var page = await _browser.OpenAsync(_address, "/agencies/TTPVHCC");

        var month = page.Locator("[data-export='briefing'] a[data-period='month']");

        await ExpectPdfAsync(await month.GetAttributeAsync("href"), "api/v1/briefings/agencies/TTPVHCC?period=month&lang=vi");
    }

    private async Task ExpectPdfAsync(string? href, string expected)
    {
        href.Should().Be(expected);
        using var http = new HttpClient { BaseAddress = _address };
        using var response = await http.GetAsync(href);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf", await response.Content.ReadAsStringAsync());
    }
}
