using System.Security.Claims;
using Bunit;
using IOC.Access.Authorization;
using IOC.Alerts.Live;
using IOC.Dashboards.Controls;
using IOC.Dashboards.Hosting;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Pages;
using IOC.Dashboards.Tests.Rendering;
using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.Grains.Messages;
using IOC.Live.Feed;
using IOC.Tests.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IOC.Dashboards.Tests.Pages;

/// <summary>
/// The whole wallboard page as each kind of viewer gets it: a ward's staff see the city and their own ward, never
/// another ward's row in the ranking; a signed-in person sees their name and a sign-out form, a screen or Development's
/// viewer nothing of the kind.
/// </summary>
public class WallboardAccessTests : DashboardTest
{
    private const string OwnWard = "00082";
    private const string OtherWard = "00070";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public WallboardAccessTests()
    {
        Services.AddSingleton(LiveWithTwoLateWards());
        Services.AddSingleton(new AlertBoard(TimeProvider.System));
        Services.AddSingleton(Options.Create(new WallboardOptions()));
        Services.AddSingleton<AntiforgeryStateProvider>(new RequestToken());
    }

    [Fact]
    public void AWardLimitedViewerSeesOnlyItsOwnWardInTheRankingNotTheOtherWardThatIsWorse()
    {
        SignIn("person", "cua-nam", OwnWard);

        var page = Render<Wallboard>(Ui.Vietnamese, new Dictionary<string, object?>());

        page.FindAll(".view-wards tr[data-ward]").Select(r => r.GetAttribute("data-ward")).Should().Equal(OwnWard);
        page.Find(".view-wards").TextContent.Should().NotContain(Ward(OtherWard).Name);
        page.FindAll(".view-agencies").Should().BeEmpty("an account limited to a ward sees no agency's figures");
        page.FindAll(".view-city .tiles > *").Should().NotBeEmpty("the city's figures are everyone's");
    }

    [Fact]
    public void AnUnlimitedViewerSeesEveryLateWardRankedWorstFirst()
    {
        SignIn("person", "lanh-dao");

        var page = Render<Wallboard>(Ui.Vietnamese, new Dictionary<string, object?>());

        page.FindAll(".view-wards tr[data-ward]").Select(r => r.GetAttribute("data-ward")).Should().Equal(OtherWard, OwnWard);
    }

    [Fact]
    public void ASignedInPersonSeesTheirNameAndASignOutFormCarryingAnAntiForgeryToken()
    {
        SignIn("person", "lanh-dao");

        var page = Render<Wallboard>(Ui.Vietnamese, new Dictionary<string, object?>());

        var form = page.Find(".wall-head form[data-account]");
        form.GetAttribute("method").Should().Be("post");
        form.GetAttribute("action").Should().Be("account/logout");
        form.QuerySelector("[data-user]")!.TextContent.Should().Be("lanh-dao");
        form.QuerySelector("button[data-signout]")!.TextContent.Should().Be("Đăng xuất");
        form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value").Should().Be(RequestToken.Value);
    }

    [Theory]
    [InlineData(AccessClaims.PairedDevice)]
    [InlineData(AccessClaims.Development)]
    [InlineData(AccessClaims.Service)]
    public void APairedScreenATokenOrDevelopmentsViewerHasNoSignOut(string kind)
    {
        SignIn(kind, "TV sảnh");

        var page = Render<Wallboard>(Ui.Vietnamese, new Dictionary<string, object?>());

        page.FindAll("[data-account]").Should().BeEmpty();
        page.FindAll("[data-signout]").Should().BeEmpty();
    }

    private void SignIn(string kind, string name, params string[] units)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(name);
        auth.SetClaims([new Claim(AccessClaims.Kind, kind), .. units.Select(u => new Claim(AccessClaims.Unit, u))]);
        // The first render, as the server sends it (prerendered): the live loops start only in a browser's circuit.
        SetRendererInfo(new RendererInfo("Static", false));
    }

    private static Unit Ward(string code) => Seed.Units.TryGetWard(code, out var ward) ? ward : throw new InvalidOperationException(code);

    /// <summary>Two wards that miss the on-time target today: the other ward (2 of 10) worse than the own one (5 of 10).</summary>
    private static LiveKpis LiveWithTwoLateWards()
    {
        var store = new LiveStore(Seed.Units);
        store.Apply(
        [
            new KpiUpdate(Now, GrainSnapshot.Empty(UnitKey.City, Now)),
            new KpiUpdate(Now, Completed(OwnWard, 10, 5)),
            new KpiUpdate(Now, Completed(OtherWard, 10, 2)),
        ]);
        return new LiveKpis(Seed.Units, Seed.Targets, store);
    }

    private static GrainSnapshot Completed(string ward, long completed, long onTime)
    {
        var windows = default(WindowCounters);
        windows[(int)KpiWindow.Today][Counter.DossiersCompleted] = completed;
        windows[(int)KpiWindow.Today][Counter.DossiersCompletedOnTime] = onTime;
        return new GrainSnapshot(new UnitKey(UnitLevel.Ward, ward), Now, windows, default);
    }

    /// <summary>The request's anti-forgery token as the server hands it to the page's forms.</summary>
    private sealed class RequestToken : AntiforgeryStateProvider
    {
        public const string Value = "request-token-of-this-page";

        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new(Value, "__RequestVerificationToken");
    }
}
