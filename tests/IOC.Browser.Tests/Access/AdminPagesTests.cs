using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IOC.Access.Roles;
using IOC.Browser.Tests.Infrastructure;
using IOC.Web.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IOC.Browser.Tests.Access;

/// <summary>
/// The admin pages as an admin uses them in Chromium (real forms, anti-forgery tokens, no test identity): accounts
/// created, given a role and a ward, locked and unlocked; a service token made, used and revoked; and the wallboard's
/// sign-out. What the pages did is checked through the admin API.
/// </summary>
public sealed class AdminPagesTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private const string AdminToken = "browser-admin-pages-token";
    private const string NewPassword = "Quan-Tri-2026-moi";

    private readonly HeadlessChromium _browser;
    private readonly AdminFactory _app = new();
    private readonly Uri _address;

    public AdminPagesTests(HeadlessChromium browser)
    {
        _browser = browser;
        _address = _app.StartOnLoopback();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnAdminCreatesAnAccountGivesItARoleAndAWardThenLocksAndUnlocksItOnThePage()
    {
        var page = await SignInAsAdminAsync("/admin", 1920, 1080);

        await page.Locator("#new-user").FillAsync("cua-nam");
        await page.Locator("#new-name").FillAsync("Cán bộ Cửa Nam");
        await page.Locator("#new-role").SelectOptionAsync(AccessRoles.Viewer);
        await page.Locator("form.access-form:has(#new-user) button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-secret]")).ToBeVisibleAsync();
        (await page.Locator("[data-secret]").TextContentAsync())!.Trim().Length.Should().BeGreaterThanOrEqualTo(12, "a first password is shown once");
        var row = page.Locator("tr[data-account='cua-nam']");
        await Expect(row.Locator("[data-role]")).ToHaveTextAsync("Người xem");
        await HeadlessChromium.ScreenshotAsync(page, "admin-accounts-created");

        await page.Locator("#change-user").SelectOptionAsync("cua-nam");
        await page.Locator("#change-role").SelectOptionAsync(AccessRoles.Analyst);
        await page.Locator("#change-units").FillAsync("00082");
        await page.Locator("form.access-form:has(#change-user) button[type=submit]").ClickAsync();
        await Expect(row.Locator("[data-role]")).ToHaveTextAsync("Phân tích");
        await Expect(row).ToContainTextAsync("00082");

        await row.Locator("button[value='lock:cua-nam']").ClickAsync();
        await Expect(row).ToContainTextAsync("Đang khóa");
        await HeadlessChromium.ScreenshotAsync(page, "admin-accounts-locked");
        (await AccountAsync("cua-nam"))["lockedOut"]!.GetValue<bool>().Should().BeTrue();

        await row.Locator("button[value='unlock:cua-nam']").ClickAsync();
        await Expect(row).Not.ToContainTextAsync("Đang khóa");
        var account = await AccountAsync("cua-nam");
        (account["role"]!.GetValue<string>(), account["lockedOut"]!.GetValue<bool>()).Should().Be((AccessRoles.Analyst, false));
        account["units"]!.AsArray().Select(u => u!.GetValue<string>()).Should().Equal("00082");
        var changes = await AuditAsync("account-changed");
        changes.Select(a => $"{a["actor"]} | {a["detail"]}").Should().Contain(["person admin | locked", "person admin | unlocked"])
            .And.Contain("person admin | role viewer; units all → role analyst; units 00082");

        var phone = await _browser.OpenPhoneAsync(_address, "/admin");
        await CopyCookiesAsync(page, phone);
        await phone.GotoAsync(new Uri(_address, "/admin").ToString());
        await Expect(phone.Locator("tr[data-account='cua-nam']")).ToBeVisibleAsync();
        (await phone.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390);
        await HeadlessChromium.ScreenshotAsync(phone, "admin-accounts-phone");
    }

    [Fact]
    public async Task AServiceTokenMadeOnThePageIsShownOnceWorksAsBearerShowsItsLastUseAndStopsWhenRevoked()
    {
        var page = await SignInAsAdminAsync("/admin/tokens", 1920, 1080);

        await page.Locator("#token-name").FillAsync("BI Sở Nội vụ");
        await page.Locator("#token-role").SelectOptionAsync(AccessRoles.Analyst);
        await page.Locator("#token-units").FillAsync("00082");
        await page.Locator("[data-page='admin-tokens'] form.access-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-secret]")).ToBeVisibleAsync();
        var secret = (await page.Locator("[data-secret]").TextContentAsync())!.Trim();
        secret.Should().StartWith("ioc_st_");
        await HeadlessChromium.ScreenshotAsync(page, "admin-tokens-created");

        using var system = new HttpClient { BaseAddress = _address };
        system.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await system.GetAsync("/api/v1/kpi/units/00082")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await system.GetAsync("/api/v1/kpi/units/00070")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await page.GotoAsync(new Uri(_address, "/admin/tokens").ToString());
        (await page.ContentAsync()).Should().NotContain(secret, "the token is never shown again");
        var row = page.Locator("tr[data-token]").Filter(new() { HasText = "BI Sở Nội vụ" });
        await Expect(row.Locator("[data-state]")).ToHaveTextAsync("Đang dùng");
        await Expect(row.Locator("td").Nth(3)).Not.ToBeEmptyAsync(new() { Timeout = 10_000 });

        await row.Locator("button.danger").ClickAsync();
        await Expect(row.Locator("[data-state]")).ToHaveTextAsync("Đã thu hồi");
        (await system.GetAsync("/api/v1/kpi/units/00082")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await HeadlessChromium.ScreenshotAsync(page, "admin-tokens-revoked");
        (await AuditAsync("service-token-revoked")).Should().ContainSingle(a => a["actor"]!.GetValue<string>() == "person admin");

        var phone = await _browser.OpenPhoneAsync(_address, "/admin/tokens");
        await CopyCookiesAsync(page, phone);
        await phone.GotoAsync(new Uri(_address, "/admin/tokens").ToString());
        await Expect(phone.Locator("[data-page='admin-tokens']")).ToBeVisibleAsync();
        (await phone.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390);
        await HeadlessChromium.ScreenshotAsync(phone, "admin-tokens-phone");
    }

    [Fact]
    public async Task SigningOutFromTheWallboardHeaderReturnsToTheSignInPage()
    {
        var page = await SignInAsAdminAsync("/", 1920, 1080);
        await Expect(page.Locator(".wall.desk")).ToBeVisibleAsync();
        await HeadlessChromium.WaitForCircuitAsync(page);
        await Expect(page.Locator(".wall-head [data-user]")).ToHaveTextAsync("admin");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(1920);
        await HeadlessChromium.ScreenshotAsync(page, "wallboard-signed-in");

        var phone = await _browser.OpenPhoneAsync(_address, "/");
        await CopyCookiesAsync(page, phone);
        await phone.GotoAsync(_address.ToString());
        await Expect(phone.Locator(".wall-head [data-signout]")).ToBeVisibleAsync();
        (await phone.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390);
        await HeadlessChromium.ScreenshotAsync(phone, "wallboard-signed-in-phone");

        await page.Locator(".wall-head [data-signout]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
        await Expect(page.Locator("[data-page='login']")).ToBeVisibleAsync();
        await page.GotoAsync(_address.ToString());
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2F$"));
        (await AuditAsync("sign-out")).Should().ContainSingle(a => a["target"]!.GetValue<string>() == "account admin");
    }

    /// <summary>Signs the first-run admin in, replaces the generated password and lands on <paramref name="path"/>.</summary>
    private async Task<IPage> SignInAsAdminAsync(string path, int width, int height)
    {
        var page = await _browser.OpenAsync(_address, $"/account/login?ReturnUrl={Uri.EscapeDataString(path)}", width, height);
        await page.Locator("#login-user").FillAsync("admin");
        await page.Locator("#login-password").FillAsync(_app.FirstRunPassword());
        await page.Locator("[data-page='login'] button[type=submit]").First.ClickAsync();
        await Expect(page.Locator("[data-page='password']")).ToBeVisibleAsync();
        await page.Locator("#pw-current").FillAsync(_app.FirstRunPassword());
        await page.Locator("#pw-new").FillAsync(NewPassword);
        await page.Locator("#pw-confirm").FillAsync(NewPassword);
        await page.Locator("[data-page='password'] button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
        return page;
    }

    /// <summary>The same session on a phone-sized page (one person, two windows).</summary>
    private static async Task CopyCookiesAsync(IPage from, IPage to) =>
        await to.Context.AddCookiesAsync((await from.Context.CookiesAsync()).Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));

    private async Task<JsonObject> AccountAsync(string userName) =>
        (await Api().GetFromJsonAsync<JsonArray>("/api/v1/admin/accounts"))!.OfType<JsonObject>().Single(a => a["userName"]!.GetValue<string>() == userName);

    private async Task<List<JsonObject>> AuditAsync(string action) =>
        [.. (await Api().GetFromJsonAsync<JsonArray>($"/api/v1/admin/audit?action={action}"))!.OfType<JsonObject>()];

    private HttpClient Api()
    {
        var api = new HttpClient { BaseAddress = _address };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return api;
    }

    private sealed class AdminFactory : IocWebFactory
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
