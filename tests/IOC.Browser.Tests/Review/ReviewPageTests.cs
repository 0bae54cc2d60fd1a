using System.Text.RegularExpressions;
using IOC.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Review;

/// <summary>The competition review in Chromium, on the hand-computed months of <see cref="TwoReviewMonths"/>.</summary>
public sealed class ReviewPageTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private readonly HeadlessChromium _browser;
    private readonly IocWebFactory _app = new();
    private readonly Uri _address;

    public ReviewPageTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    private static string MonthA => $"{TwoReviewMonths.MonthA:yyyy-MM}";

    [Fact]
    public async Task ChangingTheMonthChangesTheFiguresGapsAndRanksAndALoneCommitmentHasNoRank()
    {
        await PostAsync();
        var page = await _browser.OpenAsync(_address, $"/review?period=month&value={MonthA}", 1600, 1500);

        var vptu = Cell(page, "document.digitalRate", "VPTU");
        var office = Cell(page, "document.digitalRate", "VPDDBQH-HDND");
        await Expect(page.Locator(".period-label")).ToHaveTextAsync($"Tháng {TwoReviewMonths.MonthA.Month}/{TwoReviewMonths.MonthA.Year}");
        await Expect(vptu.Locator(".cell-value")).ToHaveTextAsync("75%");
        await Expect(vptu.Locator(".cell-rank")).ToHaveTextAsync("Hạng 3/3");
        await Expect(vptu.Locator(".gap")).ToHaveTextAsync("Cần thêm 1 văn bản xử lý trên môi trường số để đạt 100%");
        await Expect(vptu).ToHaveAttributeAsync("data-status", "missed");
        await Expect(office.Locator(".cell-rank")).ToHaveTextAsync("Hạng 1/3");
        await Expect(Cell(page, "document.digitalRate", "TTPVHCC")).ToHaveClassAsync(new Regex("not-committed"));
        await Expect(Cell(page, "document.digitalRate", "TTPVHCC")).ToHaveTextAsync("Không thuộc cam kết", new() { UseInnerText = true });
        await Expect(Cell(page, "satisfaction.rate", "TTPVHCC").Locator(".cell-rank")).ToHaveCountAsync(0);
        await Expect(page.Locator(".overall-table thead")).ToContainTextAsync("Mức hoàn thành cam kết");
        await Expect(page.Locator(".overall-table thead")).ToContainTextAsync("Số cam kết đạt");
        await Expect(page.Locator(".overall-table tr[data-agency='TTPVHCC'] .attainment")).ToHaveTextAsync("90%");
        await HeadlessChromium.ScreenshotAsync(page, "review");
        await HeadlessChromium.WaitForCircuitAsync(page);

        await page.Locator("a[data-step='next']").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"value={TwoReviewMonths.MonthB:yyyy-MM}"));
        await Expect(vptu.Locator(".cell-value")).ToHaveTextAsync("100%");
        await Expect(vptu.Locator(".cell-rank")).ToHaveTextAsync("Hạng 1/3");
        await Expect(office.Locator(".cell-value")).ToHaveTextAsync("—");
        await Expect(office.Locator(".cell-rank")).ToHaveTextAsync("Chưa xếp hạng");
        await Expect(Cell(page, "satisfaction.rate", "TTPVHCC")).ToHaveAttributeAsync("data-status", "met");
        await Expect(page.Locator(".overall-table tbody tr").First).ToHaveAttributeAsync("data-agency", "VPTU");
    }

    [Fact]
    public async Task ACustomRangeFromTheFormAddsBothMonthsUpAndDrawsTheirTrend()
    {
        await PostAsync();
        var page = await _browser.OpenAsync(_address, $"/review?period=month&value={MonthA}");
        await HeadlessChromium.WaitForCircuitAsync(page);

        await page.Locator("a[data-kind='custom']").ClickAsync();
        await Expect(page.Locator("form[data-form='custom']")).ToBeVisibleAsync();
        await page.Locator("input[name='to']").FillAsync($"{TwoReviewMonths.MonthB:yyyy-MM-dd}");
        await page.Locator("form[data-form='custom'] button[type='submit']").ClickAsync();

        var vptu = Cell(page, "document.digitalRate", "VPTU");
        await Expect(vptu.Locator(".cell-value")).ToHaveTextAsync("83,3%");
        await Expect(vptu.Locator(".cell-counts")).ToContainTextAsync("5 / 6");
        await Expect(vptu.Locator("svg.sparkline")).ToHaveAttributeAsync("data-points", "2");
    }

    [Fact]
    public async Task InEnglishTheGapAndPeriodAreEnglishAndAgencyHeadersLinkToTheirHistory()
    {
        await PostAsync();
        var page = await _browser.OpenAsync(_address, $"/review?period=month&value={MonthA}&lang=en");

        await Expect(page.Locator(".period-label")).ToHaveTextAsync(TwoReviewMonths.MonthA.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(Cell(page, "document.digitalRate", "VPTU").Locator(".gap")).ToHaveTextAsync("1 more documents processed digitally needed to reach 100%");
        await Expect(page.Locator("thead th[data-agency='VPUBND'] a")).ToHaveAttributeAsync("href", "agencies/VPUBND?lang=en");
    }

    [Fact]
    public async Task TheLanguageButtonReloadsThePageInEnglishForTheSamePeriod()
    {
        var page = await _browser.OpenAsync(_address, $"/review?period=month&value={MonthA}");
        await HeadlessChromium.WaitForCircuitAsync(page);

        await page.Locator("[data-lang-switch]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"value={MonthA}.*lang=en"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Digital transformation competition: commitments review");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("[data-lang-switch]")).ToHaveTextAsync("Tiếng Việt");
    }

    [Fact]
    public async Task ABadPeriodIsExplainedAndTheCurrentMonthShown()
    {
        var page = await _browser.OpenAsync(_address, "/review?period=month&value=2026-13");

        await Expect(page.Locator(".error[data-field='value']")).ToContainTextAsync("'2026-13' is not yyyy-MM");
        await Expect(page.Locator("a[data-kind='month']")).ToHaveAttributeAsync("aria-current", "true");
    }

    private static ILocator Cell(IPage page, string kpi, string agency) => page.Locator($".review-table tr[data-kpi='{kpi}'] td[data-agency='{agency}']");

    private async Task PostAsync()
    {
        using var producer = _app.CreateProducer();
        await producer.PostOrFailAsync(TwoReviewMonths.Events());
    }
}
