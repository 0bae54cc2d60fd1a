using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IOC.Web.Tests.Access;

/// <summary>
/// How long a person's session lasts (Access:SessionMinutes, Access:SessionSliding), on the session cookie's own clock
/// moved forward, and HSTS on answers served over HTTPS (a request to an https address, as behind the TLS proxy).
/// </summary>
public class SessionTests
{
    [Fact]
    public async Task ASlidingSessionLastsWhileThePersonKeepsUsingItAndEndsAfterTheIdleTime()
    {
        using var factory = new ClockedFactory(sliding: true);
        var client = factory.Browser();
        await SignInWithNewPasswordAsync(factory, client);

        factory.Clock.Shift = TimeSpan.FromMinutes(40);
        (await client.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.OK, "40 of 60 minutes: still signed in, and the session starts again");
        factory.Clock.Shift = TimeSpan.FromMinutes(95);
        (await client.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.OK, "55 minutes after the last request, 95 after the sign-in");
        factory.Clock.Shift = TimeSpan.FromMinutes(95 + 61);
        var idle = await client.GetAsync("/account");

        idle.StatusCode.Should().Be(HttpStatusCode.Redirect, "61 minutes without a request end the session");
        SignInTests.Target(idle).Should().StartWith("/account/login");
    }

    [Fact]
    public async Task AFixedSessionEndsItsMinutesAfterTheSignInHoweverBusyThePersonIs()
    {
        using var factory = new ClockedFactory(sliding: false);
        var client = factory.Browser();
        await SignInWithNewPasswordAsync(factory, client);

        factory.Clock.Shift = TimeSpan.FromMinutes(40);
        (await client.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.OK);
        factory.Clock.Shift = TimeSpan.FromMinutes(59);
        (await client.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.OK);
        factory.Clock.Shift = TimeSpan.FromMinutes(61);
        var late = await client.GetAsync("/account");

        SignInTests.Target(late).Should().StartWith("/account/login", "the session ended 60 minutes after the sign-in although the person was busy");
        (await client.GetAsync("/api/v1/kpi/city")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnswersOverHttpsCarryHstsAndSecureCookiesAndPlainHttpAnswersDoNot()
    {
        using var factory = new AccessFactory();
        var https = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://ioc.hanoi.gov.vn/"), AllowAutoRedirect = false });
        var http = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://ioc.hanoi.gov.vn/"), AllowAutoRedirect = false });

        var secure = await https.GetAsync("/account/login");
        var plain = await http.GetAsync("/account/login");

        secure.StatusCode.Should().Be(HttpStatusCode.OK);
        secure.Headers.GetValues("Strict-Transport-Security").Should().Equal("max-age=31536000");
        secure.Headers.GetValues("Set-Cookie").Should().OnlyContain(c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        plain.StatusCode.Should().Be(HttpStatusCode.OK);
        plain.Headers.Contains("Strict-Transport-Security").Should().BeFalse("HSTS over plain HTTP means nothing and browsers ignore it");
    }

    [Fact]
    public async Task DevelopmentSendsNoHstsEvenOverHttps()
    {
        using var factory = new DevelopmentFactory();
        var https = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://ioc.hanoi.gov.vn/"), AllowAutoRedirect = false });

        var answer = await https.GetAsync("/health");

        answer.Headers.Contains("Strict-Transport-Security").Should().BeFalse("a developer's browser must not remember HSTS for a test host");
    }

    /// <summary>Signs the first-run admin in and replaces the generated password, so every page opens.</summary>
    private static async Task SignInWithNewPasswordAsync(AccessFactory factory, HttpClient client)
    {
        var password = factory.FirstRunPassword();
        (await SignInTests.SignInAsync(client, "admin", password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var changed = await AccessFactory.PostFormAsync(client, "/account/password", "/account/password", new Dictionary<string, string>
        {
            ["Input.Current"] = password,
            ["Input.New"] = "Phien-Lam-Viec-2026",
            ["Input.Confirm"] = "Phien-Lam-Viec-2026",
        }, "password");
        changed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>Real time moved forward by <see cref="Shift"/>.</summary>
    public sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }

    /// <summary>Sessions of 60 minutes, sliding or not, whose cookie reads the time from <see cref="Clock"/>.</summary>
    private sealed class ClockedFactory(bool sliding) : AccessFactory
    {
        public ShiftedClock Clock { get; } = new();

        protected override IDictionary<string, string?> Extra => new Dictionary<string, string?>
        {
            ["Access:SessionMinutes"] = "60",
            ["Access:SessionSliding"] = sliding ? "true" : "false",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
                services.Configure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o => o.TimeProvider = Clock));
        }
    }

    private sealed class DevelopmentFactory : AccessFactory
    {
        protected override string EnvironmentName => "Development";
    }
}
