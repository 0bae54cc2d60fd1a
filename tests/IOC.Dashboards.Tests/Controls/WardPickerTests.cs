using Bunit;
using Bunit.TestDoubles;
using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Tests.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IOC.Dashboards.Tests.Controls;

public class WardPickerTests
{
    [Fact]
    public void EnterWithOneMatchOpensThatWardKeepingTheRangeAndLanguage()
    {
        using var context = BunitUi.Context();
        var navigation = context.Services.GetRequiredService<BunitNavigationManager>();
        var cut = context.Render<WardPicker>(Ui.Vietnamese, p => p
            .Add(c => c.Wards, Seed.Units.Wards)
            .Add(c => c.LinkQuery, "?range=7d&lang=vi"));

        cut.Find("#ward-search").Input("cua nam");
        cut.Find("form").Submit();

        navigation.Uri.Should().EndWith("/wards/00082?range=7d&lang=vi");
    }

    [Fact]
    public void EnterWithSeveralMatchesStaysOnThePageWithTheList()
    {
        using var context = BunitUi.Context();
        var navigation = context.Services.GetRequiredService<NavigationManager>();
        var before = navigation.Uri;
        var cut = context.Render<WardPicker>(Ui.Vietnamese, p => p.Add(c => c.Wards, Seed.Units.Wards));

        cut.Find("#ward-search").Input("son");
        cut.Find("form").Submit();

        navigation.Uri.Should().Be(before);
        cut.FindAll(".ward-matches a").Should().HaveCountGreaterThan(1);
    }
}
