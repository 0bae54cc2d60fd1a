using Bunit;
using Microsoft.AspNetCore.Components;
using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Models;
using IOC.Dashboards.Tests.Rendering;
using IOC.Domain.Kpis;
using IOC.Live.Feed;

namespace IOC.Dashboards.Tests.Controls;

public class KpiTileTests : DashboardTest
{
    private IRenderedComponent<IComponent> Render(Ui ui, string kpiId, IOC.Live.KpiViews.KpiFigure figure) =>
        Render<KpiTile>(ui, new Dictionary<string, object?>
        {
            ["Tile"] = new TileModel(KpiCatalog.Get(kpiId), figure, []),
        });

    [Fact]
    public void AMetRateShowsItsValueInVietnameseFormatWithTheWordDatAndATick()
    {
        var html = Render(Ui.Vietnamese, "satisfaction.rate", Figures.Rate(95.3448, 1106, 1160, 95, status: "met"));

        var tile = html.Find("article.tile");
        tile.ClassList.Should().Contain("status-met");
        tile.QuerySelector(".tile-name")!.TextContent.Should().Be("Tỷ lệ hài lòng");
        tile.QuerySelector(".tile-value")!.TextContent.Should().Be("95,3%");
        tile.QuerySelector(".status-text")!.TextContent.Should().Be("Đạt");
        tile.QuerySelector(".status-icon")!.TextContent.Should().Be("✔");
        tile.QuerySelector(".tile-target")!.TextContent.Should().Be("Chỉ tiêu ≥ 95%");
        tile.QuerySelector(".tile-ratio")!.TextContent.Should().Be("1.106 / 1.160");
    }

    [Fact]
    public void TheSameTileInEnglishUsesADecimalPointAndThousandsCommas()
    {
        var html = Render(Ui.English, "satisfaction.rate", Figures.Rate(95.3448, 1106, 1160, 95, status: "met"));

        html.Find(".tile-value").TextContent.Should().Be("95.3%");
        html.Find(".status-text").TextContent.Should().Be("Met");
        html.Find(".tile-target").TextContent.Should().Be("Target ≥ 95%");
        html.Find(".tile-ratio").TextContent.Should().Be("1,106 of 1,160");
    }

    [Theory]
    [InlineData("near", "Gần đạt", "◐")]
    [InlineData("missed", "Chưa đạt", "✖")]
    [InlineData("none", "Chưa có dữ liệu", "–")]
    public void EveryStatusHasItsOwnWordsAndIconNotOnlyAColour(string status, string words, string icon)
    {
        double? value = status == "none" ? null : 91;

        var html = Render(Ui.Vietnamese, "dossier.onTimeRate", Figures.Rate(value, 91, status == "none" ? 0 : 100, 100, status: status));

        html.Find("article.tile").ClassList.Should().Contain($"status-{status}");
        html.Find(".status-text").TextContent.Should().Be(words);
        html.Find(".status-icon").TextContent.Should().Be(icon);
        html.Find(".status").GetAttribute("aria-label").Should().Be(words);
    }

    [Fact]
    public void NoDataShowsADashNotZero()
    {
        var html = Render(Ui.Vietnamese, "dossier.onTimeRate", Figures.Rate(null, 0, 0, 100));

        html.Find(".tile-value").TextContent.Should().Be("—");
        html.Find(".status-text").TextContent.Should().Be("Chưa có dữ liệu");
    }

    [Fact]
    public void AKpiWithoutATargetSaysSoInsteadOfNoData()
    {
        var html = Render(Ui.Vietnamese, "hotline.answerRate", Figures.Rate(95.2, 1728, 1816));

        html.Find(".status-text").TextContent.Should().Be("Không có chỉ tiêu");
        html.FindAll(".tile-target").Should().BeEmpty();
    }

    [Fact]
    public void CountsAreWholeNumbersWithVietnameseThousandsDots()
    {
        var html = Render(Ui.Vietnamese, "hotline.offered", Figures.Count(12345));

        html.Find(".tile-value").TextContent.Should().Be("12.345");
        html.FindAll(".tile-ratio").Should().BeEmpty();
    }

    [Fact]
    public void TheValueSitsInAPoliteLiveRegion()
    {
        var html = Render(Ui.Vietnamese, "satisfaction.rate", Figures.Rate(96, 96, 100, 95, status: "met"));

        html.Find(".tile-value").GetAttribute("aria-live").Should().Be("polite");
        var labelledBy = html.Find("article.tile").GetAttribute("aria-labelledby");
        html.Find("#" + labelledBy!).TextContent.Should().Be("Tỷ lệ hài lòng");
    }

    [Fact]
    public void ATileWithATrendDrawsARadzenChart()
    {
        var trend = new List<TrendPoint>
        {
            new(DateTimeOffset.Parse("2026-11-20T08:30:00+07:00"), 90),
            new(DateTimeOffset.Parse("2026-11-20T09:00:00+07:00"), 92.5),
        };

        var html = Render<KpiTile>(Ui.Vietnamese, new Dictionary<string, object?>
        {
            ["Tile"] = new TileModel(KpiCatalog.Get("satisfaction.rate"), Figures.Rate(92.5, 37, 40, 95, status: "near"), trend),
        });

        var chart = html.Find(".trend");
        chart.GetAttribute("role").Should().Be("img");
        chart.GetAttribute("aria-label").Should().Be("Diễn biến hôm nay: Tỷ lệ hài lòng");
        chart.QuerySelector(".rz-chart").Should().NotBeNull();
    }
}
