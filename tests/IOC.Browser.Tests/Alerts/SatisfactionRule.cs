using System.Net.Http.Json;
using IOC.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Alerts;

/// <summary>The alert the page tests break: a critical rule on one ward's satisfaction today, below 95 % from three answers.</summary>
internal static class SatisfactionRule
{
    public static async Task PostAsync(HttpClient producer, string id, string ward = "00082")
    {
        (await producer.PostAsJsonAsync("/api/v1/alerts/rules", new
        {
            by = "admin",
            rule = new
            {
                id, nameVi = "Hài lòng thấp", nameEn = "Low satisfaction", kpi = "satisfaction.rate", scope = "ward", unit = ward,
                window = "today", condition = "below", threshold = 95, minDenominator = 3, severity = "critical",
            },
        })).EnsureSuccessStatusCode();
    }

    /// <summary>The /alerts page open at 1920×1080, the rule <paramref name="id"/> broken, and its alert shown firing.</summary>
    public static async Task<(IPage Page, ILocator Firing)> OpenFiringAsync(HeadlessChromium browser, Uri address, string id, string eventPrefix)
    {
        var page = await browser.OpenAsync(address, "/alerts", 1920, 1080);
        await HeadlessChromium.WaitForCircuitAsync(page);
        using var producer = Posting.Producer(address, IocWebFactory.ProducerKey);
        await BreakAsync(producer, id, eventPrefix);
        var firing = page.Locator($"[data-group='firing'] [data-alert='{id}:ward:00082']");
        await Expect(firing).ToBeVisibleAsync(new() { Timeout = 15_000 });
        return (page, firing);
    }

    /// <summary>The rule, then three answers in the ward today (one satisfied: 33 %), so the alert fires.</summary>
    public static async Task BreakAsync(HttpClient producer, string id, string eventPrefix)
    {
        await PostAsync(producer, id);
        var at = TestClock.RecentToday(1);
        await producer.PostOrFailAsync(
            WireEvents.Survey(eventPrefix + "1", at, "satisfied"), WireEvents.Survey(eventPrefix + "2", at, "dissatisfied"),
            WireEvents.Survey(eventPrefix + "3", at, "dissatisfied"));
    }
}
