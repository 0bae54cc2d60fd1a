using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Review.Commitments;
using IOC.Tests.Shared;
using static IOC.Domain.Kpis.Counter;

namespace IOC.Review.Tests.Commitments;

public class GapTests
{
    private static Commitment Centre(string kpi) =>
        IOC.Domain.Seed.SeedData.LoadCommitments(Seed.Directory, Seed.Units).Single(c => c.Agency == "TTPVHCC" && c.Kpi == kpi);

    [Fact]
    public void AFullProcessRateOf163Of200NeedsThirtySevenMoreToReachOneHundredPercent()
    {
        var counters = Counters.Of((DossiersReceived, 200), (DossiersReceivedFullProcess, 163));

        var result = CommitmentResult.Evaluate(Centre("dossier.fullProcessOnlineRate"), counters, default);

        result.Value.Value.Should().Be(81.5);
        result.Status.Should().Be(KpiStatus.Missed);
        result.Gap.Should().Be(new Gap(37, false));
        GapText.Vietnamese(result).Should().Be("Cần thêm 37 hồ sơ trực tuyến toàn trình để đạt 100%");
        GapText.English(result).Should().Be("37 more full-process online dossiers needed to reach 100%");
    }

    [Fact]
    public void SatisfactionOf204Of215NeedsOneMoreSatisfiedResponseForNinetyFivePercent()
    {
        // 95% of 215 = 204.25, so 205 satisfied responses are needed: one more.
        var counters = Counters.Of((SurveyResponses, 215), (SurveySatisfied, 204));

        var result = CommitmentResult.Evaluate(Centre("satisfaction.rate"), counters, default);

        result.Status.Should().Be(KpiStatus.Near);
        result.Gap.Items.Should().Be(1);
        GapText.Vietnamese(result).Should().Be("Cần thêm 1 đánh giá hài lòng để đạt 95%");
    }

    [Fact]
    public void ExactlyOnTheTargetIsMetWithNoGapDespiteFloatingPoint()
    {
        // 0.95 × 200 is 190.00000000000003 in binary floating point.
        var counters = Counters.Of((SurveyResponses, 200), (SurveySatisfied, 190));

        var result = CommitmentResult.Evaluate(Centre("satisfaction.rate"), counters, default);

        result.Status.Should().Be(KpiStatus.Met);
        result.Gap.Should().Be(new Gap(0, true));
        GapText.Vietnamese(result).Should().Be("Đạt cam kết 95%");
    }

    [Fact]
    public void NoDataIsSaidNotCountedAsAMiss()
    {
        var result = CommitmentResult.Evaluate(Centre("dossier.digitalPlatformRate"), default, default);

        result.Status.Should().Be(KpiStatus.None);
        result.Gap.Should().Be(new Gap(null, false));
        GapText.Vietnamese(result).Should().Be("Chưa có dữ liệu trong kỳ");
        GapText.English(result).Should().Be("No data in this period");
    }

    [Fact]
    public void AnAtMostRateCountsHowManyFewerItemsWereNeeded()
    {
        var limit = new Commitment("TTPVHCC", "hotline.abandonmentRate", TargetDirection.AtMost, 5, "month", "≤ 5%", "≤ 5%", "cuộc gọi bị bỏ", "abandoned calls");
        var counters = Counters.Of((CallsOffered, 1_000), (CallsAbandoned, 73));

        var result = CommitmentResult.Evaluate(limit, counters, default);

        result.Gap.Items.Should().Be(23);
        GapText.Vietnamese(result).Should().Be("Cần giảm 23 cuộc gọi bị bỏ để đạt ≤ 5%");
        GapText.English(result).Should().Be("23 fewer abandoned calls needed to reach ≤ 5%");
    }

    [Fact]
    public void LargeGapsUseVietnameseThousandsSeparators()
    {
        var counters = Counters.Of((DocumentsProcessed, 12_000), (DocumentsDigital, 10_000));
        var office = IOC.Domain.Seed.SeedData.LoadCommitments(Seed.Directory, Seed.Units).First(c => c.Agency == "VPTU");

        var result = CommitmentResult.Evaluate(office, counters, default);

        GapText.Vietnamese(result).Should().Be("Cần thêm 2.000 văn bản xử lý trên môi trường số để đạt 100%");
        GapText.English(result).Should().Be("2,000 more documents processed digitally needed to reach 100%");
    }
}
