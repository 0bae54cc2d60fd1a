using Bunit;
using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Tests.Rendering;

namespace IOC.Dashboards.Tests.Controls;

/// <summary>The pieces of the sign-in and admin pages: the secret shown once, and the admin menu only for admins.</summary>
public class AccessControlsTests : DashboardTest
{
    [Fact]
    public void ASecretJustMadeIsShownOnceWithItsLabelAndTheWarningToCopyItNow()
    {
        var html = Render<AdminNotice>(Ui.Vietnamese, new Dictionary<string, object?>
        {
            ["Secret"] = "ioc_pk_abc123",
            ["SecretLabel"] = "X-Api-Key — Một cửa Cửa Nam",
        });

        html.Find("[data-secret]").TextContent.Should().Be("ioc_pk_abc123");
        html.Find("[data-secret-box]").TextContent.Should().Contain("Chỉ hiển thị một lần").And.Contain("Một cửa Cửa Nam");
        html.FindAll("[data-link]").Should().BeEmpty();
    }

    [Fact]
    public void APairingCodeComesWithTheLinkToOpenOnTheScreen()
    {
        var html = Render<AdminNotice>(Ui.English, new Dictionary<string, object?>
        {
            ["Secret"] = "K7PQ-2M9X",
            ["SecretLabel"] = "Pairing code",
            ["Link"] = "https://ioc.example/pair?code=K7PQ-2M9X",
        });

        html.Find("[data-link]").TextContent.Should().Be("https://ioc.example/pair?code=K7PQ-2M9X");
        html.Find("[data-secret-box]").TextContent.Should().Contain("Shown once only");
    }

    [Fact]
    public void NothingIsShownWhenThereIsNoSecretNoteOrError()
    {
        var html = Render<AdminNotice>(Ui.Vietnamese, new Dictionary<string, object?>());

        html.Markup.Trim().Should().BeEmpty();
    }

    [Fact]
    public void AnErrorIsAnAlertNamingWhatWasWrong()
    {
        var html = Render<AdminNotice>(Ui.Vietnamese, new Dictionary<string, object?> { ["Error"] = "Đơn vị: '99999' — không phải mã phường, xã hay cơ quan" });

        html.Find("[role=alert]").TextContent.Should().Contain("99999");
        html.FindAll("[data-secret-box]").Should().BeEmpty();
    }

    [Fact]
    public void TheAdminMenuAppearsOnlyOnAdminPagesWithEveryAdminArea()
    {
        var admin = Render<AccessHeader>(Ui.Vietnamese, new Dictionary<string, object?> { ["Title"] = "Tài khoản", ["Admin"] = true });
        var person = Render<AccessHeader>(Ui.Vietnamese, new Dictionary<string, object?> { ["Title"] = "Đăng nhập" });

        admin.FindAll(".admin-nav a").Select(a => a.GetAttribute("href")).Should().Equal(
            "admin?lang=vi", "admin/devices?lang=vi", "admin/keys?lang=vi", "admin/tokens?lang=vi", "admin/audit?lang=vi", "ops/orleans/");
        person.FindAll(".admin-nav").Should().BeEmpty();
        person.Find("h1").TextContent.Should().Be("Đăng nhập");
    }
}
