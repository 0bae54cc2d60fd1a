using Bunit;
using Bunit.TestDoubles;
using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Tests.Rendering;
using IOC.Tests.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IOC.Dashboards.Tests.Controls;

public class WardPickerTests : DashboardTest
{
    [Fact]
    public void EnterWithOneMatchOpensThatWardKeepingTheRangeAndLanguage()
    {
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        var cut = Render<WardPicker>(Ui.Vietnamese, p => p
            .Add(c => c.Wards, Seed.Units.Wards)
            .Add(c => c.LinkQuery, "?range=7d&lang=vi"));

        cut.Find("#ward-search").Input("cua nam");
        cut.Find("form").Submit();

        navigation.Uri.Should().EndWith("/wards/00082?range=7d&lang=vi");
    }

    [Fact]
    public void EnterWithSeveralMatchesStaysOnThePageWithTheList()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var before = navigation.Uri;
        var cut = Render<WardPicker>(Ui.Vietnamese, p => p.Add(c => c.Wards, Seed.Units.Wards));

        cut.Find("#ward-search").Input("son");
        cut.Find("form").Submit();

        navigation.Uri.Should().Be(before);
        cut.FindAll(".ward-matches a").Should().HaveCountGreaterThan(1);
    }
}
