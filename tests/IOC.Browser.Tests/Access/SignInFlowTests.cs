using System.Text.RegularExpressions;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IOC.Access.Roles;
using IOC.Browser.Tests.Infrastructure;
using IOC.Web.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Access;

/// <summary>
/// The sign-in as a person does it in Chromium, on an app without the test identity: the first-run admin's password,
/// the forced change, the page asked for; the admin pages; a TV paired with its link and dropped when revoked.
/// </summary>
public sealed class SignInFlowTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private const string AdminToken = "browser-admin-token";

    private readonly HeadlessChromium _browser;
    private readonly SignInFactory _app = new();
    private readonly Uri _address;

    public SignInFlowTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheFirstAdminSignsInChangesTheGeneratedPasswordAndLandsOnThePageAskedFor()
    {
        var page = await _browser.OpenAsync(_address, "/wards/00082", 1920, 1080);

        await Expect(page.Locator("[data-page='login'] h1")).ToHaveTextAsync("Đăng nhập");
        page.Url.Should().Contain("/account/login?ReturnUrl=%2Fwards%2F00082");
        await HeadlessChromium.ScreenshotAsync(page, "sign-in");

        await page.Locator("#login-user").FillAsync("admin");
        await page.Locator("#login-password").FillAsync("not-the-password");
        await page.Locator("[data-page='login'] button[type=submit]").First.ClickAsync();
        await Expect(page.Locator("[data-page='login'] .error")).ToHaveTextAsync("Tên đăng nhập hoặc mật khẩu không đúng.");
        await HeadlessChromium.ScreenshotAsync(page, "sign-in-failed");

        await page.Locator("#login-user").FillAsync("admin");
        await page.Locator("#login-password").FillAsync(_app.FirstRunPassword());
        await page.Locator("[data-page='login'] button[type=submit]").First.ClickAsync();

        await Expect(page.Locator("[data-page='password']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-page='password'] .note.running")).ToContainTextAsync("mật khẩu được cấp lần đầu");
        await HeadlessChromium.ScreenshotAsync(page, "password-first");
        await page.Locator("#pw-current").FillAsync(_app.FirstRunPassword());
        await page.Locator("#pw-new").FillAsync("Hoan-Kiem-2026-moi");
        await page.Locator("#pw-confirm").FillAsync("Hoan-Kiem-2026-moi");
        await page.Locator("[data-page='password'] button[type=submit]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/wards/00082$"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Cửa Nam");

        await page.GotoAsync(new Uri(_address, "/admin").ToString());
        await Expect(page.Locator("tr[data-account='admin']")).ToBeVisibleAsync();
        await HeadlessChromium.ScreenshotAsync(page, "admin-accounts");

        await page.GotoAsync(new Uri(_address, "/admin/devices").ToString());
        await page.Locator("#device-name").FillAsync("TV phòng điều hành");
        await page.Locator("#device-location").FillAsync("Tầng 2, trụ sở UBND");
        await page.Locator("[data-page='admin-devices'] .access-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-secret]")).ToBeVisibleAsync();
        await HeadlessChromium.ScreenshotAsync(page, "admin-devices");

        await page.GotoAsync(new Uri(_address, "/admin/audit").ToString());
        await Expect(page.Locator("tr[data-audit='sign-in']")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr[data-audit='sign-in-failed']")).ToHaveCountAsync(1);
        await HeadlessChromium.ScreenshotAsync(page, "admin-audit");
    }

    [Fact]
    public async Task TheSignInPageFitsAPhone()
    {
        var page = await _browser.OpenPhoneAsync(_address, "/account/login");

        await Expect(page.Locator("#login-user")).ToBeVisibleAsync();
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390);
        await HeadlessChromium.ScreenshotAsync(page, "sign-in-phone");

        var admin = await _browser.OpenPhoneAsync(_address, "/account/login?ReturnUrl=%2Fadmin%2Fkeys");
        await admin.Locator("#login-user").FillAsync("admin");
        await admin.Locator("#login-password").FillAsync(_app.FirstRunPassword());
        await admin.Locator("button[type=submit]").First.ClickAsync();
        await Expect(admin.Locator("[data-page='password']")).ToBeVisibleAsync();
        await HeadlessChromium.ScreenshotAsync(admin, "password-first-phone");
    }

    [Fact]
    public async Task APairedTvShowsTheKioskWithoutAPasswordAndDropsToRevokedTheMomentItIsRevoked()
    {
        using var api = new HttpClient { BaseAddress = _address };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        var created = (await (await api.PostAsJsonAsync("/api/v1/admin/devices", new { name = "TV sảnh", location = "Tầng 1" })).Content.ReadFromJsonAsync<JsonObject>())!;
        var link = created["pairingLink"]!.GetValue<string>();
        var id = created["device"]!["id"]!.GetValue<int>();

        var tv = await _browser.OpenAsync(new Uri(link), "", 1920, 1080);
        await Expect(tv.Locator("#pair-code")).ToHaveValueAsync(created["pairingCode"]!.GetValue<string>());
        await HeadlessChromium.ScreenshotAsync(tv, "pair");
        await tv.Locator("[data-page='pair'] button[type=submit]").ClickAsync();

        await Expect(tv.Locator(".wall.kiosk")).ToBeVisibleAsync();
        await HeadlessChromium.WaitForCircuitAsync(tv);
        await HeadlessChromium.ScreenshotAsync(tv, "kiosk-paired");

        (await api.PostAsync($"/api/v1/admin/devices/{id}/revoke", null)).EnsureSuccessStatusCode();

        await Expect(tv.Locator("[data-page='device-revoked']")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        tv.Url.Should().EndWith("/device/revoked");
        await HeadlessChromium.ScreenshotAsync(tv, "device-revoked");
    }

    private sealed class SignInFactory : IocWebFactory
    {
        protected override string? TestRole => null;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Ingestion:ApiKeys:0"] = ApiKeyValidator.DigestHex(ProducerKey),
            ["Access:CookieSecurePolicy"] = "SameAsRequest",
            ["Access:ServiceTokens:browser:Sha256"] = ApiKeyValidator.DigestHex(AdminToken),
            ["Access:ServiceTokens:browser:Role"] = AccessRoles.Admin,
        };

        public string FirstRunPassword() => File.ReadAllLines(Path.Combine(DataDir, "initial-admin-password.txt"))[1];
    }
}
