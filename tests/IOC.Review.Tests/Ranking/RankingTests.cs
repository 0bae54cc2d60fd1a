using IOC.Domain.Targets;
using IOC.Review.Commitments;
using IOC.Review.Ranking;
using IOC.Domain.Kpis;

namespace IOC.Review.Tests.Ranking;

public class RankingTests
{
    [Fact]
    public void EqualValuesShareARankAndTheNextRankSkips()
    {
        var ranked = CompetitionRanking.Rank(new (string, double?)[] { ("A", 90), ("B", 97.5), ("C", 97.5), ("D", 80) }, higherIsBetter: true);

        ranked.Select(r => (r.Key, r.Rank)).Should().Equal(("B", 1), ("C", 1), ("A", 3), ("D", 4));
    }

    [Fact]
    public void ValuesThatLookEqualOnScreenAreTied()
    {
        var ranked = CompetitionRanking.Rank(new (string, double?)[] { ("A", 99.54), ("B", 99.46) }, higherIsBetter: true);

        ranked.Select(r => r.Rank).Should().Equal(1, 1);
    }

    [Fact]
    public void MissingDataIsUnrankedAndLast()
    {
        var ranked = CompetitionRanking.Rank(new (string, double?)[] { ("A", null), ("B", 50), ("C", null), ("D", 70) }, higherIsBetter: true);

        ranked.Select(r => (r.Key, r.Rank)).Should().Equal(("D", 1), ("B", 2), ("A", null), ("C", null));
    }

    [Fact]
    public void LowerIsBetterRanksTheSmallestFirst()
    {
        var ranked = CompetitionRanking.Rank(new (string, double?)[] { ("A", 4.9), ("B", 2), ("C", 7) }, higherIsBetter: false);

        ranked.Select(r => r.Key).Should().Equal("B", "A", "C");
    }

    [Fact]
    public void AttainmentIsTheMeanOfCappedRatiosOverCommitmentsWithData()
    {
        var results = new[]
        {
            Result("dossier.fullProcessOnlineRate", 100, 81.5),   // 0.815
            Result("dossier.digitalPlatformRate", 100, 100),      // 1
            Result("satisfaction.rate", 95, 97),                   // capped at 1
            Result("document.digitalRate", 100, null),             // no data: left out
        };

        var score = AgencyScore.From("TTPVHCC", results);

        score.Attainment.Should().BeApproximately(100 * (0.815 + 1 + 1) / 3, 1e-9);
        score.Met.Should().Be(2);
        score.WithData.Should().Be(3);
        score.Total.Should().Be(4);
    }

    [Fact]
    public void AnAgencyWithNoDataHasNoScore()
    {
        var score = AgencyScore.From("VPTU", [Result("document.digitalRate", 100, null)]);

        score.Attainment.Should().BeNull();
        score.Met.Should().Be(0);
    }

    [Fact]
    public void AtMostTargetsScoreTargetOverValueAndZeroTargetsAllOrNothing()
    {
        var score = AgencyScore.From("X",
        [
            Result("hotline.abandonmentRate", 5, 10, TargetDirection.AtMost),   // 0.5
            Result("dossier.overduePending", 0, 0, TargetDirection.AtMost),     // 1
            Result("hotline.openOverdueTickets", 0, 3, TargetDirection.AtMost), // 0
        ]);

        score.Attainment.Should().BeApproximately(50, 1e-9);
    }

    private static CommitmentResult Result(string kpi, double target, double? value, TargetDirection direction = TargetDirection.AtLeast)
    {
        var commitment = new Commitment("X", kpi, direction, target, "year", "", "", "", "");
        var kpiValue = new KpiValue(value, value, value is null ? 0 : 100);
        var status = commitment.ToTarget().Evaluate(value, isRate: true);
        return new CommitmentResult(commitment, kpiValue, status, CommitmentResult.GapOf(KpiKind.Rate, commitment, kpiValue));
    }
}
