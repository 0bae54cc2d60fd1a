using System.Net;
using IOC.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Wallboard;

/// <summary>An address nobody serves: a page in the reader's language with the ways back, and problem JSON under /api.</summary>
public sealed class NotFoundTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private readonly HeadlessChromium _browser;
    private readonly IocWebFactory _app = new();
    private readonly Uri _address;

    public NotFoundTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnUnknownPageAnswers404WithAPageInVietnameseAndAWayBack()
    {
        var context = await _browser.Chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(new Uri(_address, "/bao-cao-cu").ToString());

        response!.Status.Should().Be(404);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Không tìm thấy trang");
        await Expect(page.Locator(".not-found")).ToHaveTextAsync("Không có trang nào ở địa chỉ /bao-cao-cu.");
        await HeadlessChromium.ScreenshotAsync(page, "not-found");
        await HeadlessChromium.WaitForCircuitAsync(page);

        await page.Locator("a[data-back='wallboard']").ClickAsync();

        await Expect(page.Locator(".view-city")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheNotFoundPageFollowsTheLanguageAskedFor()
    {
        var page = await _browser.OpenAsync(_address, "/nope?lang=en");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Page not found");
        await Expect(page.Locator("a[data-back='wallboard']")).ToHaveTextAsync("Back to the wallboard");
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("en");
    }

    [Fact]
    public async Task AnUnknownApiAddressStillAnswersProblemJson()
    {
        using var client = new HttpClient { BaseAddress = _address };

        using var response = await client.GetAsync("/api/v1/nothing-here");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"status\":404");
    }
}
