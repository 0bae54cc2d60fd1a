using Bunit;
using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Models;
using IOC.Dashboards.Tests.Rendering;
using IOC.History.Queries;
using IOC.Live.Feed;
using IOC.Tests.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IOC.Dashboards.Tests.Controls;

/// <summary>Clicks, typing, choices and new parameters, as a person or a live page drives the controls.</summary>
public class InteractionTests : DashboardTest
{
    private static readonly DateTimeOffset Now = new(2025, 7, 10, 9, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public void ClickingAColumnHeaderSortsTheOverdueListAndASecondClickReversesIt()
    {
        var table = Render<OpenDossierTable>(Ui.Vietnamese, p => p.Add(c => c.List, OpenList()));

        table.Find("button[data-sort='id']").Click();

        table.Find("th:has(button[data-sort='id'])").GetAttribute("aria-sort").Should().Be("ascending");
        Ids(table).Should().Equal("D-1", "D-2", "D-3");
        table.Find("button[data-sort='id']").Click();
        table.Find("th:has(button[data-sort='id'])").GetAttribute("aria-sort").Should().Be("descending");
        table.Find("th:has(button[data-sort='due'])").GetAttribute("aria-sort").Should().Be("none");
        Ids(table).Should().Equal("D-3", "D-2", "D-1");
    }

    [Fact]
    public void ChoosingAnotherRankingKpiTellsThePageWhichOne()
    {
        string? chosen = null;
        var ranking = new WardRanking("dossier.onTimeRate", [], WithoutData: 126);
        var wards = Render<WeakestWards>(Ui.Vietnamese, p => p
            .Add(c => c.Ranking, ranking)
            .Add(c => c.KpiChanged, (string id) => chosen = id));

        wards.Find("select#rank-kpi").Change("dossier.onlineRate");

        chosen.Should().Be("dossier.onlineRate");
    }

    [Fact]
    public void TypingInTheWardPickerListsMatchesAsTheLettersArrive()
    {
        var picker = Render<WardPicker>(Ui.Vietnamese, p => p.Add(c => c.Wards, Seed.Units.Wards).Add(c => c.LinkQuery, "?lang=vi"));
        picker.FindAll(".ward-matches").Should().BeEmpty("nothing is typed yet");

        picker.Find("input#ward-search").Input("cua nam");

        var first = picker.Find(".ward-matches a");
        first.TextContent.Should().Contain("Cửa Nam");
        first.GetAttribute("href").Should().Be("wards/00082?lang=vi");
        picker.Find("input#ward-search").Input("zzzz");
        picker.Find("#ward-matches.empty").TextContent.Should().Be(Ui.Vietnamese["picker.none"]);
    }

    [Fact]
    public void TheLanguageButtonLoadsTheSamePageInTheOtherLanguage()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("wards/00082?range=7d");
        var button = Render<LanguageSwitch>(Ui.Vietnamese, new Dictionary<string, object?>());

        button.Find("[data-lang-switch]").Click();

        navigation.Uri.Should().Be("http://localhost/wards/00082?range=7d&lang=en");
        button.Find("[data-lang-switch]").GetAttribute("aria-label").Should().Be(Ui.Vietnamese["lang.switch.label"]);
    }

    [Fact]
    public void ATrendChartRendersAgainOnlyWhenItsPointsChange()
    {
        var points = new List<TrendPoint> { new(Now, 90), new(Now.AddMinutes(30), 92.5) };
        var chart = Render<TrendChart>(Ui.Vietnamese, p => p.Add(c => c.Points, points).Add(c => c.Label, "Hôm nay").Add(c => c.Target, 95.0));
        // Radzen's chart renders its parts again once it knows its size; count from when it has settled.
        chart.WaitForState(() => chart.FindAll("path").Count > 0);
        var renders = chart.RenderCount;

        chart.Render(p => p.Add(c => c.Points, points.ToList()));
        var afterSamePoints = chart.RenderCount;
        chart.Render(p => p.Add(c => c.Points, [.. points, new TrendPoint(Now.AddMinutes(60), 93)]));

        afterSamePoints.Should().Be(renders, "equal points (a new list with the same values) draw nothing new");
        chart.RenderCount.Should().BeGreaterThan(renders);
        chart.Find("[role='img']").GetAttribute("aria-label").Should().Be("Hôm nay");
    }

    [Fact]
    public void ATileShowsTheNewFigureWhenThePageHandsItOne()
    {
        var kpi = IOC.Domain.Kpis.KpiCatalog.Get("dossier.onlineRate");
        var tile = Render<KpiTile>(Ui.Vietnamese, p => p.Add(c => c.Tile, new TileModel(kpi, Figures.Rate(50, 1, 2, 60, status: "missed"), [])));

        tile.Render(p => p.Add(c => c.Tile, new TileModel(kpi, Figures.Rate(75, 3, 4, 60, status: "met"), [])));

        tile.Find(".tile-value").TextContent.Should().Be("75%");
        tile.Find(".tile-ratio").TextContent.Should().Be("3 / 4");
        tile.Find("article.tile").ClassList.Should().Contain("status-met").And.NotContain("status-missed");
    }

    private static string?[] Ids(IRenderedComponent<IComponent> table) => [.. table.FindAll("tbody tr").Select(r => r.GetAttribute("data-id"))];

    private static OpenDossierList OpenList()
    {
        OpenDossierItem Item(string id, string procedure, double hoursLate, string status) => new(
            id, procedure, "online", Now.AddDays(-10), Now.AddHours(-hoursLate), Math.Max(0, hoursLate), (int)Math.Ceiling(Math.Max(0, hoursLate) / 24), status);
        return new OpenDossierList(new UnitRef("00082", "Phường Cửa Nam", "Cua Nam Ward", "ward"), Now, 2, 1,
        [
            Item("D-2", "1.000003", 60, "overdue"),
            Item("D-3", "1.000001", 2, "overdue"),
            Item("D-1", "1.000002", -5, "dueSoon"),
        ]);
    }
}
