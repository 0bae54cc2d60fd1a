using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Models;
using IOC.Dashboards.Tests.Rendering;
using IOC.Domain.Kpis;
using IOC.Live.Feed;

namespace IOC.Dashboards.Tests.Controls;

public class KpiTileTests
{
    private static Task<AngleSharp.Dom.IDocument> Render(Ui ui, string kpiId, IOC.Live.KpiViews.KpiFigure figure) =>
        ComponentRenderer.RenderAsync<KpiTile>(ui, new Dictionary<string, object?>
        {
            ["Tile"] = new TileModel(KpiCatalog.Get(kpiId), figure, []),
        });

    [Fact]
    public async Task AMetRateShowsItsValueInVietnameseFormatWithTheWordDatAndATick()
    {
        var html = await Render(Ui.Vietnamese, "satisfaction.rate", Figures.Rate(95.3448, 1106, 1160, 95, status: "met"));

        var tile = html.QuerySelector("article.tile")!;
        tile.ClassList.Should().Contain("status-met");
        tile.QuerySelector(".tile-name")!.TextContent.Should().Be("Tỷ lệ hài lòng");
        tile.QuerySelector(".tile-value")!.TextContent.Should().Be("95,3%");
        tile.QuerySelector(".status-text")!.TextContent.Should().Be("Đạt");
        tile.QuerySelector(".status-icon")!.TextContent.Should().Be("✔");
        tile.QuerySelector(".tile-target")!.TextContent.Should().Be("Chỉ tiêu ≥ 95%");
        tile.QuerySelector(".tile-ratio")!.TextContent.Should().Be("1.106 / 1.160");
    }

    [Fact]
    public async Task TheSameTileInEnglishUsesADecimalPointAndThousandsCommas()
    {
        var html = await Render(Ui.English, "satisfaction.rate", Figures.Rate(95.3448, 1106, 1160, 95, status: "met"));

        html.QuerySelector(".tile-value")!.TextContent.Should().Be("95.3%");
        html.QuerySelector(".status-text")!.TextContent.Should().Be("Met");
        html.QuerySelector(".tile-target")!.TextContent.Should().Be("Target ≥ 95%");
        html.QuerySelector(".tile-ratio")!.TextContent.Should().Be("1,106 of 1,160");
    }

    [Theory]
    [InlineData("near", "Gần đạt", "◐")]
    [InlineData("missed", "Chưa đạt", "✖")]
    [InlineData("none", "Chưa có dữ liệu", "–")]
    public async Task EveryStatusHasItsOwnWordsAndIconNotOnlyAColour(string status, string words, string icon)
    {
        double? value = status == "none" ? null : 91;

        var html = await Render(Ui.Vietnamese, "dossier.onTimeRate", Figures.Rate(value, 91, status == "none" ? 0 : 100, 100, status: status));

        html.QuerySelector("article.tile")!.ClassList.Should().Contain($"status-{status}");
        html.QuerySelector(".status-text")!.TextContent.Should().Be(words);
        html.QuerySelector(".status-icon")!.TextContent.Should().Be(icon);
        html.QuerySelector(".status")!.GetAttribute("aria-label").Should().Be(words);
    }

    [Fact]
    public async Task NoDataShowsADashNotZero()
    {
        var html = await Render(Ui.Vietnamese, "dossier.onTimeRate", Figures.Rate(null, 0, 0, 100));

        html.QuerySelector(".tile-value")!.TextContent.Should().Be("—");
        html.QuerySelector(".status-text")!.TextContent.Should().Be("Chưa có dữ liệu");
    }

    [Fact]
    public async Task AKpiWithoutATargetSaysSoInsteadOfNoData()
    {
        var html = await Render(Ui.Vietnamese, "hotline.answerRate", Figures.Rate(95.2, 1728, 1816));

        html.QuerySelector(".status-text")!.TextContent.Should().Be("Không có chỉ tiêu");
        html.QuerySelector(".tile-target").Should().BeNull();
    }

    [Fact]
    public async Task CountsAreWholeNumbersWithVietnameseThousandsDots()
    {
        var html = await Render(Ui.Vietnamese, "hotline.offered", Figures.Count(12345));

        html.QuerySelector(".tile-value")!.TextContent.Should().Be("12.345");
        html.QuerySelector(".tile-ratio").Should().BeNull();
    }

    [Fact]
    public async Task TheValueSitsInAPoliteLiveRegion()
    {
        var html = await Render(Ui.Vietnamese, "satisfaction.rate", Figures.Rate(96, 96, 100, 95, status: "met"));

        html.QuerySelector(".tile-value")!.GetAttribute("aria-live").Should().Be("polite");
        var labelledBy = html.QuerySelector("article.tile")!.GetAttribute("aria-labelledby");
        html.GetElementById(labelledBy!)!.TextContent.Should().Be("Tỷ lệ hài lòng");
    }

    [Fact]
    public async Task ATileWithATrendDrawsARadzenChart()
    {
        var trend = new List<TrendPoint>
        {
            new(DateTimeOffset.Parse("2026-11-20T08:30:00+07:00"), 90),
            new(DateTimeOffset.Parse("2026-11-20T09:00:00+07:00"), 92.5),
        };

        var html = await ComponentRenderer.RenderAsync<KpiTile>(Ui.Vietnamese, new Dictionary<string, object?>
        {
            ["Tile"] = new TileModel(KpiCatalog.Get("satisfaction.rate"), Figures.Rate(92.5, 37, 40, 95, status: "near"), trend),
        });

        var chart = html.QuerySelector(".trend")!;
        chart.GetAttribute("role").Should().Be("img");
        chart.GetAttribute("aria-label").Should().Be("Diễn biến hôm nay: Tỷ lệ hài lòng");
        chart.QuerySelector(".rz-chart").Should().NotBeNull();
    }
}
