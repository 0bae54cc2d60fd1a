using IOC.Dashboards.Models;
using IOC.Dashboards.Tests.Rendering;
using IOC.Domain.Units;
using IOC.Live.KpiViews;
using IOC.Tests.Shared;

namespace IOC.Dashboards.Tests.Models;

public class WardRankingTests
{
    private static (Unit, UnitKpis) Ward(string code, string kpi, KpiFigure figure)
    {
        Seed.Units.TryGetWard(code, out var ward).Should().BeTrue();
        return (ward, new UnitKpis(code, ward.Name, ward.NameEn, "ward", "today", DateTimeOffset.UnixEpoch, new Dictionary<string, KpiFigure> { [kpi] = figure }));
    }

    [Fact]
    public void ForAnAtLeastTargetTheLowestRateComesFirst()
    {
        var wards = new[]
        {
            Ward("00082", "dossier.onTimeRate", Figures.Rate(100, 10, 10)),
            Ward("00004", "dossier.onTimeRate", Figures.Rate(80, 8, 10)),
            Ward("00008", "dossier.onTimeRate", Figures.Rate(90, 9, 10)),
        };

        var ranking = WardRanking.Weakest(wards, "dossier.onTimeRate", Seed.Targets);

        ranking.Rows.Select(r => (r.Rank, r.Ward.Code)).Should().Equal((1, "00004"), (2, "00008"), (3, "00082"));
    }

    [Fact]
    public void ForAnAtMostTargetTheHighestValueComesFirst()
    {
        var wards = new[]
        {
            Ward("00082", "hotline.abandonmentRate", Figures.Rate(2, 2, 100)),
            Ward("00004", "hotline.abandonmentRate", Figures.Rate(12.5, 5, 40)),
            Ward("00008", "hotline.abandonmentRate", Figures.Rate(5, 1, 20)),
        };

        var ranking = WardRanking.Weakest(wards, "hotline.abandonmentRate", Seed.Targets);

        ranking.Rows.Select(r => r.Ward.Code).Should().Equal("00004", "00008", "00082");
    }

    [Fact]
    public void WardsWithNothingToDivideByAreCountedNotRanked()
    {
        var wards = new[]
        {
            Ward("00082", "dossier.onTimeRate", Figures.Rate(null, 0, 0)),
            Ward("00004", "dossier.onTimeRate", Figures.Rate(50, 1, 2)),
            Ward("00008", "dossier.onTimeRate", Figures.Rate(null, 0, 0)),
        };

        var ranking = WardRanking.Weakest(wards, "dossier.onTimeRate", Seed.Targets);

        ranking.Rows.Should().ContainSingle().Which.Ward.Code.Should().Be("00004");
        ranking.WithoutData.Should().Be(2);
    }

    [Fact]
    public void TiesGoToTheWardWithMoreVolumeThenToTheLowerCode()
    {
        var wards = new[]
        {
            Ward("00008", "dossier.onTimeRate", Figures.Rate(75, 3, 4)),
            Ward("00082", "dossier.onTimeRate", Figures.Rate(75, 30, 40)),
            Ward("00004", "dossier.onTimeRate", Figures.Rate(75, 3, 4)),
        };

        var ranking = WardRanking.Weakest(wards, "dossier.onTimeRate", Seed.Targets);

        ranking.Rows.Select(r => r.Ward.Code).Should().Equal("00082", "00004", "00008");
        ranking.Rows.Select(r => r.Rank).Should().Equal(1, 2, 3);
    }

    [Fact]
    public void OnlyTheBottomTenAreKept()
    {
        var wards = Seed.Units.Wards.Take(25)
            .Select((w, i) => Ward(w.Code, "dossier.onlineRate", Figures.Rate(i * 4, i, 25)))
            .ToList();

        var ranking = WardRanking.Weakest(wards, "dossier.onlineRate", Seed.Targets);

        ranking.Rows.Should().HaveCount(10);
        ranking.Rows.Select(r => r.Figure.Value).Should().Equal(0, 4, 8, 12, 16, 20, 24, 28, 32, 36);
    }
}
