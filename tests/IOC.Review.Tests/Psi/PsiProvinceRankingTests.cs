using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Review.Periods;
using IOC.Review.Psi;
using IOC.Tests.Shared;
using static IOC.Domain.Kpis.Counter;

namespace IOC.Review.Tests.Psi;

/// <summary>National mode: the provinces ranked on the same five groups as the wards, computed by hand.</summary>
public class PsiProvinceRankingTests
{
    private static readonly ReviewPeriod November = ReviewPeriod.Month(2026, 11);
    private static readonly DateTimeOffset AsOf = new(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(7));

    private static readonly Unit HaiPhong = Province("31", "Thành phố Hải Phòng", "Hai Phong City");
    private static readonly Unit GiaLai = Province("52", "Tỉnh Gia Lai", "Gia Lai Province");
    private static readonly Unit Hanoi = Province("01", "Thành phố Hà Nội", "Hanoi");
    private static readonly Unit CaoBang = Province("04", "Tỉnh Cao Bằng", "Cao Bang Province");

    [Fact]
    public void ProvincesAreRankedOnTheScaledScoreOfTheSameGroupsAsTheWards()
    {
        var provinces = new List<(Unit, CounterSet)>
        {
            // 4 completed, 3 on time: progress 20 × 3/4 = 15; 3 digitized: 22 × 3/4 = 16.5; 2 received online and
            // full-process, no fee: 22 × mean(1, 1) = 22. 53.5 of 64 = 83.59 → middle, rank 2.
            (HaiPhong, Counters.Of((DossiersCompleted, 4), (DossiersCompletedOnTime, 3), (DossiersCompletedLate, 1), (DossiersCompletedDigitized, 3),
                (DossiersReceived, 2), (DossiersReceivedOnline, 2), (DossiersReceivedFullProcess, 2))),
            // 2 completed on time, digitized: 20 + 22 = 42 of 42 = 100 → excellent, rank 1.
            (GiaLai, Counters.Of((DossiersCompleted, 2), (DossiersCompletedOnTime, 2), (DossiersCompletedDigitized, 2))),
            // 2 completed late, none digitized: 0 of 42 → weak, rank 3.
            (Hanoi, Counters.Of((DossiersCompleted, 2), (DossiersCompletedLate, 2))),
            // Nothing: not ranked, last.
            (CaoBang, default),
        };

        var report = PsiReport.Build(November, AsOf, [], [], PsiManualData.Empty, provinces);

        report.Provinces.Select(p => (p.Unit.Code, p.Rank)).Should().Equal(("52", 1), ("31", 2), ("01", 3), ("04", (int?)null));
        report.Provinces[1].Estimate.Points.Should().BeApproximately(53.5, 1e-9);
        report.Provinces[1].Estimate.MeasuredMax.Should().Be(64);
        report.Provinces[1].Estimate.Scaled.Should().BeApproximately(100 * 53.5 / 64, 1e-9);
        report.Provinces[1].Estimate.Band.Should().Be(PsiBand.Middle);
        report.Provinces[0].Estimate.Band.Should().Be(PsiBand.Excellent);
        report.Provinces[2].Estimate.Band.Should().Be(PsiBand.Weak);
        report.Provinces[3].Estimate.Band.Should().BeNull();
    }

    [Fact]
    public void AProvincesEnteredTransparencyCountsAsAWardsDoes()
    {
        // Gia Lai as above (42 of 42) plus 9 of 18 entered: 51 of 60 = 85.0. Hải Phòng as above plus 18 of 18 entered:
        // 71.5 of 82 = 87.20. The entered transparency turns the order round.
        var manual = new PsiManualData(
        [
            new PsiManualEntry(GiaLai.Key, PsiGroup.Transparency, 9, 2026, "test"),
            new PsiManualEntry(HaiPhong.Key, PsiGroup.Transparency, 18, 2026, "test"),
        ]);
        var provinces = new List<(Unit, CounterSet)>
        {
            (HaiPhong, Counters.Of((DossiersCompleted, 4), (DossiersCompletedOnTime, 3), (DossiersCompletedLate, 1), (DossiersCompletedDigitized, 3),
                (DossiersReceived, 2), (DossiersReceivedOnline, 2), (DossiersReceivedFullProcess, 2))),
            (GiaLai, Counters.Of((DossiersCompleted, 2), (DossiersCompletedOnTime, 2), (DossiersCompletedDigitized, 2))),
        };

        var report = PsiReport.Build(November, AsOf, [], [], manual, provinces);

        report.Provinces.Select(p => p.Unit.Code).Should().Equal("31", "52");
        report.Provinces[0].Estimate.Scaled.Should().BeApproximately(100 * 71.5 / 82, 1e-9);
        report.Provinces[1].Estimate.Scaled.Should().BeApproximately(100 * 51.0 / 60, 1e-9);
        report.Provinces[0].Estimate.Groups[0].Source.Should().Be(PsiSource.Manual);
    }

    [Fact]
    public void AProvinceDeploymentHasNoProvinceRanking()
    {
        var report = PsiReport.Build(November, AsOf, Seed.Units.Wards.Select(w => (w, default(CounterSet))).ToList(), [], PsiManualData.Empty);

        report.Provinces.Should().BeEmpty();
    }

    [Fact]
    public void RankingASubsetRanksItsUnitsAmongThemselves()
    {
        var counters = new Dictionary<string, CounterSet>
        {
            ["00082"] = Counters.Of((DossiersCompleted, 2), (DossiersCompletedLate, 2)),
            ["00070"] = Counters.Of((DossiersCompleted, 2), (DossiersCompletedOnTime, 2), (DossiersCompletedDigitized, 2)),
            ["00004"] = Counters.Of((DossiersCompleted, 2), (DossiersCompletedOnTime, 1), (DossiersCompletedLate, 1), (DossiersCompletedDigitized, 1)),
        };
        var report = PsiReport.Build(November, AsOf, Seed.Units.Wards.Select(w => (w, counters.GetValueOrDefault(w.Code))).ToList(), [], PsiManualData.Empty);

        var subset = PsiReport.Rank(report.Wards.Where(w => w.Unit.Code is "00082" or "00004"));

        report.Wards.Single(w => w.Unit.Code == "00004").Rank.Should().Be(2);
        report.Wards.Single(w => w.Unit.Code == "00082").Rank.Should().Be(3);
        subset.Select(w => (w.Unit.Code, w.Rank)).Should().Equal(("00004", 1), ("00082", 2));
    }

    private static Unit Province(string code, string name, string nameEn) =>
        new(code, name, nameEn, name.StartsWith("Tỉnh", StringComparison.Ordinal) ? "tỉnh" : "thành phố", UnitLevel.City);
}
