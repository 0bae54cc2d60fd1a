using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Review.Periods;
using IOC.Review.Psi;
using IOC.Tests.Shared;
using static IOC.Domain.Kpis.Counter;

namespace IOC.Review.Tests.Psi;

/// <summary>The estimate of every ward and agency over a period and the ranking of the 126 wards, computed by hand.</summary>
public class PsiReportTests
{
    private static readonly ReviewPeriod November = ReviewPeriod.Month(2026, 11);
    private static readonly DateTimeOffset AsOf = new(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public void WardsAreRankedOnTheScaledScoreWithTiesToOneDecimalAndUnmeasuredWardsLast()
    {
        var counters = new Dictionary<string, CounterSet>
        {
            // 20 + 22 + 22 (online and full process 100%, no fee) of 64 measured: 100 → excellent.
            ["00082"] = Counters.Of((DossiersCompleted, 10), (DossiersCompletedOnTime, 10), (DossiersCompletedDigitized, 10),
                (DossiersReceived, 10), (DossiersReceivedOnline, 10), (DossiersReceivedFullProcess, 10)),
            // 10 + 11 of 42: 50.0 → middle.
            ["00070"] = Counters.Of((DossiersCompleted, 10), (DossiersCompletedOnTime, 5), (DossiersCompletedLate, 5), (DossiersCompletedDigitized, 5)),
            // The same rates on fewer dossiers: 50.0, tied with 00070.
            ["00004"] = Counters.Of((DossiersCompleted, 2), (DossiersCompletedEarly, 1), (DossiersCompletedLate, 1), (DossiersCompletedDigitized, 1)),
            // 0 of 42 → weak.
            ["00008"] = Counters.Of((DossiersCompleted, 4), (DossiersCompletedLate, 4)),
            // Transparency 18 entered + progress 20 × 1/2 + digitization 22 = 50 of 60: 83.33 → middle.
            ["00025"] = Counters.Of((DossiersCompleted, 2), (DossiersCompletedOnTime, 1), (DossiersCompletedLate, 1), (DossiersCompletedDigitized, 2)),
        };
        var manual = new PsiManualData([new PsiManualEntry(new UnitKey(UnitLevel.Ward, "00025"), PsiGroup.Transparency, 18, 2026, "test")]);

        var report = Build(counters, manual);

        report.Wards.Should().HaveCount(126);
        report.Wards.Take(5).Select(w => (w.Unit.Code, w.Rank)).Should().Equal(
            ("00082", 1), ("00025", 2), ("00070", 3), ("00004", 3), ("00008", 5));
        report.Wards.Skip(5).Should().OnlyContain(w => w.Rank == null && w.Estimate.Scaled == null);
        report.Wards[1].Estimate.Points.Should().BeApproximately(50, 1e-9);
        report.Wards[1].Estimate.MeasuredMax.Should().Be(60);
        report.Wards[1].Estimate.Scaled.Should().BeApproximately(100.0 * 50 / 60, 1e-9);
        report.Wards[1].Estimate.Groups[0].Source.Should().Be(PsiSource.Manual);
        report.Wards[0].Estimate.MeasuredMax.Should().Be(64);
        report.Count(PsiBand.Excellent).Should().Be(1);
        report.Count(PsiBand.Middle).Should().Be(3);
        report.Count(PsiBand.Weak).Should().Be(1);
        report.Unmeasured.Should().Be(121);
    }

    [Fact]
    public void UnmeasuredWardsKeepTheCatalogueOrder()
    {
        var report = Build(new Dictionary<string, CounterSet>(), PsiManualData.Empty);

        report.Wards.Select(w => w.Unit.Code).Should().Equal(Seed.Units.Wards.Select(w => w.Code));
        report.Unmeasured.Should().Be(126);
    }

    [Fact]
    public void AgenciesAreEstimatedWithTheirEnteredTransparency()
    {
        var agencies = Seed.Units.Agencies.Select(a => (a, a.Code == "TTPVHCC"
            ? Counters.Of((SurveyResponses, 20), (SurveySatisfied, 19), (TicketsResolved, 4), (TicketsResolvedOnTime, 4))
            : default)).ToList();
        var manual = new PsiManualData([new PsiManualEntry(new UnitKey(UnitLevel.Agency, "TTPVHCC"), PsiGroup.Transparency, 12, 2026, "test")]);

        var report = PsiReport.Build(November, AsOf, [], agencies, manual);

        var center = report.Agencies.Single(a => a.Unit.Code == "TTPVHCC").Estimate;
        center.Points.Should().BeApproximately(12 + (18 * (0.95 + 1) / 2), 1e-9);
        center.MeasuredMax.Should().Be(36);
        report.Agencies.Where(a => a.Unit.Code != "TTPVHCC").Should().OnlyContain(a => a.Estimate.Scaled == null);
        report.Running.Should().BeTrue("November 2026 is not over at 21 November");
    }

    [Fact]
    public void TheBandFollowsTheScoreAsShownToOneDecimal()
    {
        // Progress and digitization both 49.98% of their points: 49.98, shown as 50.0, so middle rather than weak.
        var estimate = PsiEstimator.Estimate("00082", Counters.Of((DossiersCompleted, 5000), (DossiersCompletedOnTime, 2499), (DossiersCompletedLate, 2501), (DossiersCompletedDigitized, 2499)));

        estimate.Scaled.Should().BeApproximately(49.98, 1e-9);
        estimate.Band.Should().Be(PsiBand.Middle);
    }

    private static PsiReport Build(Dictionary<string, CounterSet> counters, PsiManualData manual) => PsiReport.Build(
        November,
        AsOf,
        Seed.Units.Wards.Select(w => (w, counters.GetValueOrDefault(w.Code))).ToList(),
        [],
        manual);
}
