using Bunit;
using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Models;
using IOC.Dashboards.Tests.Rendering;
using IOC.Tests.Shared;

namespace IOC.Dashboards.Tests.Controls;

public class WeakestWardsTests : DashboardTest
{
    [Fact]
    public void TheListSaysWhoIsRankedAndFromWhatVolumeAndCountsTheWardsLeftOut()
    {
        Seed.Units.TryGetWard("00082", out var cuaNam);
        var ranking = new WardRanking("dossier.onTimeRate", [new WardRow(1, cuaNam, Figures.Rate(71.43, 5, 7, 100, status: "missed"))],
            WithoutData: 100, MinimumVolume: 5, BelowVolume: 3, Judged: 23, FallingShort: 1);

        var cut = Render<WeakestWards>(Ui.Vietnamese, p => p.Add(c => c.Ranking, ranking));

        cut.Find("h2").TextContent.Should().Be("Phường, xã cần chú ý theo");
        cut.Find(".rank-rule").TextContent.Should().Be("Chỉ gồm phường, xã chưa đạt hoặc gần đạt chỉ tiêu, có từ 5 hồ sơ đã giải quyết trở lên hôm nay; tối đa 10, kém nhất trước.");
        cut.Find("tr[data-ward='00082'] .volume").TextContent.Should().Be("5 / 7");
        cut.Find(".rank-below").TextContent.Should().Be("3 phường, xã có dưới 5 hồ sơ đã giải quyết chưa được đánh giá");
    }

    [Fact]
    public void WhenEveryJudgedWardMeetsTheTargetAPlainSentenceSaysSo()
    {
        var ranking = new WardRanking("hotline.serviceLevel", [], WithoutData: 120, MinimumVolume: 5, BelowVolume: 2, Judged: 4, FallingShort: 0);

        var cut = Render<WeakestWards>(Ui.English, p => p.Add(c => c.Ranking, ranking));

        cut.FindAll("table").Should().BeEmpty();
        cut.Find(".empty").TextContent.Should().Be("No ward misses or is near this target: all 4 wards judged meet it.");
        cut.Find(".rank-rule").TextContent.Should().Contain("at least 5 calls offered today");
    }

    [Fact]
    public void WhenWardsHaveFiguresButTooFewTheSentenceSaysNoneCanBeJudgedYet()
    {
        var ranking = new WardRanking("dossier.onTimeRate", [], WithoutData: 120, MinimumVolume: 5, BelowVolume: 6, Judged: 0);

        var cut = Render<WeakestWards>(Ui.Vietnamese, p => p.Add(c => c.Ranking, ranking));

        cut.Find(".empty").GetAttribute("data-empty").Should().Be("too-few");
        cut.Find(".empty").TextContent.Should().Be("Chưa có phường, xã nào đủ số liệu để đánh giá chỉ số này hôm nay.");
    }

    [Fact]
    public void ChoosingAnotherKpiAsksThePageToRankByIt()
    {
        string? chosen = null;
        var cut = Render<WeakestWards>(Ui.Vietnamese, p => p
            .Add(c => c.Ranking, new WardRanking("dossier.onTimeRate", [], WithoutData: 126))
            .Add(c => c.KpiChanged, (string id) => chosen = id));

        cut.Find("#rank-kpi").Change("satisfaction.rate");

        chosen.Should().Be("satisfaction.rate");
    }

    [Fact]
    public void AGaugeHasNoVolumeRule()
    {
        var ranking = new WardRanking("dossier.overduePending", [], WithoutData: 0, Judged: 126);

        var cut = Render<WeakestWards>(Ui.Vietnamese, p => p.Add(c => c.Ranking, ranking));

        cut.Find(".rank-rule").TextContent.Should().Be("Chỉ gồm phường, xã chưa đạt hoặc gần đạt chỉ tiêu; tối đa 10, kém nhất trước.");
        cut.Find(".empty").TextContent.Should().Contain("cả 126 phường, xã được tính đều đạt");
    }
}
