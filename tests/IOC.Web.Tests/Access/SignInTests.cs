using System.Net;
using IOC.Access.Audit;

namespace IOC.Web.Tests.Access;

/// <summary>Local accounts through the sign-in page as a browser posts it: first-run admin, first password, lockout, sign-out.</summary>
public class SignInTests
{
    [Fact]
    public async Task TheFirstRunAdminPasswordIsInAFileOnlyTheServiceUserCanReadAndMustBeChangedBeforeAnythingOpens()
    {
        using var factory = new AccessFactory();
        var client = factory.Browser();
        var file = Path.Combine(factory.DataDir, "initial-admin-password.txt");
        var password = factory.FirstRunPassword();

        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        password.Length.Should().BeGreaterThanOrEqualTo(12);

        var signIn = await SignInAsync(client, "admin", password, "/wards/00082");
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        Target(signIn).Should().Be("/wards/00082");

        var gated = await client.GetAsync("/wards/00082");
        gated.StatusCode.Should().Be(HttpStatusCode.Redirect);
        Target(gated).Should().StartWith("/account/password");
        (await client.GetAsync("/api/v1/kpi/city")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var changed = await AccessFactory.PostFormAsync(client, "/account/password", "/account/password", new Dictionary<string, string>
        {
            ["Input.Current"] = password,
            ["Input.New"] = "Cua-Nam-2026-moi",
            ["Input.Confirm"] = "Cua-Nam-2026-moi",
        }, "password");
        changed.StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await client.GetAsync("/wards/00082")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.OK);
        File.Exists(file).Should().BeFalse("the generated password is of no use once replaced");
        (await factory.AuditTextAsync(AuditActions.SignIn)).Should().Contain("person admin");
        (await factory.AuditTextAsync(AuditActions.PasswordChanged)).Should().Contain("first password replaced");
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedWithoutSayingWhetherTheAccountExistsAndIsAudited()
    {
        using var factory = new AccessFactory();
        var client = factory.Browser();

        var known = await SignInAsync(client, "admin", "wrong-password-1");
        var unknown = await SignInAsync(client, "nobody", "wrong-password-1");

        known.StatusCode.Should().Be(HttpStatusCode.OK);
        var knownText = await known.Content.ReadAsStringAsync();
        knownText.Should().Contain("Tên đăng nhập hoặc mật khẩu không đúng.");
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("Tên đăng nhập hoặc mật khẩu không đúng.");
        Target(await client.GetAsync("/")).Should().StartWith("/account/login");
        var failures = (await factory.AuditTextAsync(AuditActions.SignInFailed));
        failures.Should().Contain("account admin").And.Contain("account nobody");
    }

    [Fact]
    public async Task FiveFailedSignInsLockTheAccountSoEvenTheRightPasswordIsRefusedThenAndTheLockIsAudited()
    {
        using var factory = new AccessFactory();
        var client = factory.Browser();
        var password = factory.FirstRunPassword();

        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(client, "admin", $"wrong-password-{i}");
        }

        var right = await SignInAsync(client, "admin", password);

        right.StatusCode.Should().Be(HttpStatusCode.OK, "a locked account gets the page again, not a session");
        (await right.Content.ReadAsStringAsync()).Should().Contain("Tài khoản tạm khóa");
        (await factory.AuditAsync(AuditActions.LockedOut)).Count.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task SignInPostsOverTheLimitGet429WithRetryAfter()
    {
        using var factory = new LimitedFactory();
        var client = factory.Browser();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await SignInAsync(client, "nobody", "wrong-password");
        }

        last!.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        last.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        using var factory = new AccessFactory();
        var client = factory.Browser();
        await SignInAsync(client, "admin", factory.FirstRunPassword());
        (await client.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.OK);

        var signOut = await AccessFactory.PostFormAsync(client, "/account", "/account/logout", new Dictionary<string, string>());

        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        Target(await client.GetAsync("/account")).Should().StartWith("/account/login");
        (await factory.AuditAsync(AuditActions.SignOut)).Count.Should().Be(1);
    }

    [Fact]
    public async Task TheSignOutFormWithoutItsAntiForgeryTokenIsRefused()
    {
        using var factory = new AccessFactory();
        var client = factory.Browser();
        await SignInAsync(client, "admin", factory.FirstRunPassword());

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>Where a redirect leads, as a path and query (the framework writes some absolute, some relative).</summary>
    public static string Target(HttpResponseMessage response) =>
        response.Headers.Location is { } at ? at.IsAbsoluteUri ? at.PathAndQuery : at.OriginalString : "";

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password, string returnUrl = "/") =>
        AccessFactory.PostFormAsync(client, $"/account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", $"/account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}",
            new Dictionary<string, string> { ["Input.UserName"] = user, ["Input.Password"] = password }, "login");

    private sealed class LimitedFactory : AccessFactory
    {
        protected override IDictionary<string, string?> Extra => new Dictionary<string, string?> { ["Access:RateLimits:SignInPerMinute"] = "3" };
    }
}
