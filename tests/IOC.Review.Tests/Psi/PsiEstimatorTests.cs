using IOC.Review.Psi;
using static IOC.Domain.Kpis.Counter;

namespace IOC.Review.Tests.Psi;

public class PsiEstimatorTests
{
    [Fact]
    public void EachFedGroupIsItsPointsTimesTheMeanOfItsRates()
    {
        var counters = Counters.Of(
            (DossiersCompleted, 100), (DossiersCompletedEarly, 30), (DossiersCompletedOnTime, 60), (DossiersCompletedLate, 10),
            (DossiersCompletedDigitized, 80),
            (DossiersReceived, 200), (DossiersReceivedOnline, 150), (DossiersReceivedFullProcess, 50),
            (DossiersCompletedWithFee, 40), (DossiersCompletedPaidOnline, 20),
            (TicketsResolved, 10), (TicketsResolvedOnTime, 9), (SurveyResponses, 50), (SurveySatisfied, 48));

        var estimate = PsiEstimator.Estimate("00082", counters);

        Points(estimate, PsiGroup.Progress).Should().BeApproximately(20 * 0.9, 1e-9);
        Points(estimate, PsiGroup.Digitization).Should().BeApproximately(22 * 0.8, 1e-9);
        Points(estimate, PsiGroup.OnlineServices).Should().BeApproximately(22 * (0.75 + 0.25 + 0.5) / 3, 1e-9);
        Points(estimate, PsiGroup.Satisfaction).Should().BeApproximately(18 * (0.9 + 0.96) / 2, 1e-9);
        estimate.Groups.Single(g => g.Group == PsiGroup.Transparency).Source.Should().Be(PsiSource.NotMeasured);
        estimate.MeasuredMax.Should().Be(82);
        estimate.Complete.Should().BeFalse();
        estimate.Points.Should().BeApproximately(18 + 17.6 + 11 + 16.74, 1e-9);
        estimate.Scaled.Should().BeApproximately(100 * 63.34 / 82, 1e-9);
        estimate.Band.Should().Be(PsiBand.Middle);
    }

    [Fact]
    public void TransparencyComesFromEnteredDataAndCompletesTheHundred()
    {
        var counters = Counters.Of((DossiersCompleted, 10), (DossiersCompletedOnTime, 10), (DossiersCompletedDigitized, 10),
            (DossiersReceived, 10), (DossiersReceivedOnline, 10), (DossiersReceivedFullProcess, 10),
            (SurveyResponses, 10), (SurveySatisfied, 10));

        var estimate = PsiEstimator.Estimate("00082", counters, new Dictionary<PsiGroup, double> { [PsiGroup.Transparency] = 16 });

        estimate.Complete.Should().BeTrue();
        estimate.Points.Should().BeApproximately(16 + 20 + 22 + 22 + 18, 1e-9);
        estimate.Band.Should().Be(PsiBand.Excellent);
    }

    [Fact]
    public void AGroupWithoutAnyDataIsNotMeasuredRatherThanZero()
    {
        var estimate = PsiEstimator.Estimate("00082", Counters.Of((DossiersCompleted, 4), (DossiersCompletedLate, 4)));

        Points(estimate, PsiGroup.Progress).Should().Be(0);
        estimate.Groups.Single(g => g.Group == PsiGroup.Satisfaction).Points.Should().BeNull();
        estimate.MeasuredMax.Should().Be(20 + 22);
        estimate.Band.Should().Be(PsiBand.Weak);
    }

    [Fact]
    public void NothingMeasuredHasNoBand()
    {
        var estimate = PsiEstimator.Estimate("00082", default);

        estimate.Scaled.Should().BeNull();
        estimate.Band.Should().BeNull();
    }

    private static double? Points(PsiEstimate estimate, PsiGroup group) => estimate.Groups.Single(g => g.Group == group).Points;
}
