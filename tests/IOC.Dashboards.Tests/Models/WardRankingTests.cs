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

    private static KpiFigure OnTime(double value, long completed, string status) =>
        Figures.Rate(value, Math.Round(value * completed / 100), completed, 100, status: status);

    [Fact]
    public void ForAnAtLeastTargetTheLowestRateComesFirst()
    {
        var wards = new[]
        {
            Ward("00082", "dossier.onTimeRate", OnTime(96, 25, "near")),
            Ward("00004", "dossier.onTimeRate", OnTime(80, 10, "missed")),
            Ward("00008", "dossier.onTimeRate", OnTime(90, 10, "missed")),
        };

        var ranking = WardRanking.Weakest(wards, "dossier.onTimeRate", Seed.Targets);

        ranking.Rows.Select(r => (r.Rank, r.Ward.Code)).Should().Equal((1, "00004"), (2, "00008"), (3, "00082"));
    }

    [Fact]
    public void ForAnAtMostTargetTheHighestValueComesFirst()
    {
        var wards = new[]
        {
            Ward("00082", "hotline.abandonmentRate", Figures.Rate(8, 8, 100, 5, "<=", "near")),
            Ward("00004", "hotline.abandonmentRate", Figures.Rate(12.5, 5, 40, 5, "<=", "missed")),
            Ward("00008", "hotline.abandonmentRate", Figures.Rate(10, 2, 20, 5, "<=", "near")),
        };

        var ranking = WardRanking.Weakest(wards, "hotline.abandonmentRate", Seed.Targets);

        ranking.Rows.Select(r => r.Ward.Code).Should().Equal("00004", "00008", "00082");
    }

    [Fact]
    public void WardsThatMeetTheTargetAreNeverListedEvenWhenFewWardsHaveData()
    {
        var wards = new[]
        {
            Ward("00082", "dossier.onTimeRate", OnTime(100, 12, "met")),
            Ward("00004", "dossier.onTimeRate", OnTime(100, 7, "met")),
        };

        var ranking = WardRanking.Weakest(wards, "dossier.onTimeRate", Seed.Targets);

        ranking.Rows.Should().BeEmpty();
        ranking.Judged.Should().Be(2);
        ranking.FallingShort.Should().Be(0);
    }

    [Fact]
    public void AWardWithOneLateDossierOutOfOneIsNotJudgedBelowTheMinimumVolume()
    {
        var wards = new[]
        {
            Ward("00082", "dossier.onTimeRate", OnTime(0, 1, "missed")),
            Ward("00004", "dossier.onTimeRate", OnTime(75, 4, "missed")),
            Ward("00008", "dossier.onTimeRate", OnTime(80, 5, "missed")),
        };

        var ranking = WardRanking.Weakest(wards, "dossier.onTimeRate", Seed.Targets, minimumVolume: 5);

        ranking.Rows.Should().ContainSingle().Which.Ward.Code.Should().Be("00008");
        ranking.BelowVolume.Should().Be(2);
        ranking.MinimumVolume.Should().Be(5);
    }

    [Fact]
    public void AGaugeHasNoVolumeSoEveryWardOverItsTargetIsListed()
    {
        var wards = new[]
        {
            Ward("00082", "dossier.overduePending", Figures.Count(1, 0, status: "missed")),
            Ward("00004", "dossier.overduePending", Figures.Count(3, 0, status: "missed")),
            Ward("00008", "dossier.overduePending", Figures.Count(0, 0, status: "met")),
        };

        var ranking = WardRanking.Weakest(wards, "dossier.overduePending", Seed.Targets, minimumVolume: 5);

        ranking.Rows.Select(r => r.Ward.Code).Should().Equal("00004", "00082");
        ranking.MinimumVolume.Should().Be(0, "a count of overdue dossiers is its own volume");
        ranking.BelowVolume.Should().Be(0);
    }

    [Fact]
    public void WardsWithNothingToDivideByAreCountedNotRanked()
    {
        var wards = new[]
        {
            Ward("00082", "dossier.onTimeRate", Figures.Rate(null, 0, 0, 100)),
            Ward("00004", "dossier.onTimeRate", OnTime(50, 6, "missed")),
            Ward("00008", "dossier.onTimeRate", Figures.Rate(null, 0, 0, 100)),
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
            Ward("00008", "dossier.onTimeRate", OnTime(75, 8, "missed")),
            Ward("00082", "dossier.onTimeRate", OnTime(75, 40, "missed")),
            Ward("00004", "dossier.onTimeRate", OnTime(75, 8, "missed")),
        };

        var ranking = WardRanking.Weakest(wards, "dossier.onTimeRate", Seed.Targets);

        ranking.Rows.Select(r => r.Ward.Code).Should().Equal("00082", "00004", "00008");
        ranking.Rows.Select(r => r.Rank).Should().Equal(1, 2, 3);
    }

    [Fact]
    public void OnlyTheBottomTenAreKeptAndTheRestAreCounted()
    {
        var wards = Seed.Units.Wards.Take(25)
            .Select((w, i) => Ward(w.Code, "dossier.onlineRate", Figures.Rate(i * 2, i, 50, 60, status: "missed")))
            .ToList();

        var ranking = WardRanking.Weakest(wards, "dossier.onlineRate", Seed.Targets);

        ranking.Rows.Should().HaveCount(10);
        ranking.Rows.Select(r => r.Figure.Value).Should().Equal(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
        ranking.FallingShort.Should().Be(25);
    }
}
