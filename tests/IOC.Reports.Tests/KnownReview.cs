using IOC.Domain.Kpis;
using IOC.Domain.Seed;
using IOC.Domain.Targets;
using IOC.Review.Commitments;
using IOC.Review.Periods;
using IOC.Review.Ranking;
using IOC.Review.Reports;
using IOC.Tests.Shared;
using static IOC.Domain.Kpis.Counter;

namespace IOC.Reports.Tests;

/// <summary>
/// A review of November 2026 built by hand from the real agreement (seed-data), with figures worked out on paper:
/// <list type="bullet">
/// <item>VPTU: 489 of 600 documents digital = 81,5%, missed, 111 more needed; rank 2/3 on the KPI.</item>
/// <item>VPDDBQH-HDND: 200 of 200 = 100%, met; rank 1/3.</item>
/// <item>VPUBND: no documents, no data, not ranked.</item>
/// <item>TTPVHCC: 163/200 full-process = 81,5% (37 more); 196/200 on digital platforms = 98% (near, 4 more);
/// 1.234/1.300 satisfied = 94,9% (near: 95% of 1.300 is 1.235, so 1 more). Attainment (81,5 + 98 + 94,923/95×100) / 3 = 93,14%.</item>
/// </list>
/// Overall: VPDDBQH-HDND 1 (100%), TTPVHCC 2 (93,1%), VPTU 3 (81,5%), VPUBND unranked.
/// </summary>
public static class KnownReview
{
    public static readonly ReviewPeriod November = ReviewPeriod.Month(2026, 11);

    public static readonly DateTimeOffset AsOf = new(2026, 11, 21, 14, 5, 0, TimeSpan.FromHours(7));

    /// <param name="satisfied">TTPVHCC's satisfied responses of 1.300; 1.300 meets its 95% commitment, which shortens its cell to "Đạt cam kết 95%".</param>
    public static ReviewReport Build(bool running = true, long satisfied = 1234)
    {
        var commitments = SeedData.LoadCommitments(Seed.Directory, Seed.Units);
        var counters = new Dictionary<string, CounterSet>
        {
            ["VPTU"] = Of((DocumentsProcessed, 600), (DocumentsDigital, 489)),
            ["VPDDBQH-HDND"] = Of((DocumentsProcessed, 200), (DocumentsDigital, 200)),
            ["VPUBND"] = default,
            ["TTPVHCC"] = Of((DossiersReceived, 200), (DossiersReceivedFullProcess, 163), (DossiersReceivedOnDigitalPlatform, 196), (SurveyResponses, 1300), (SurveySatisfied, satisfied)),
        };
        int? KpiRank(string agency) => agency switch { "VPTU" => 2, "VPDDBQH-HDND" => 1, "TTPVHCC" => 1, _ => null };
        int? Overall(string agency) => agency switch { "VPDDBQH-HDND" => 1, "TTPVHCC" => 2, "VPTU" => 3, _ => null };

        var agencies = Seed.Units.Agencies.Select(agency =>
        {
            var results = commitments.Where(c => c.Agency == agency.Code).Select(c => CommitmentResult.Evaluate(c, counters[agency.Code], default)).ToList();
            var reviews = results.Select(r => new CommitmentReview(r, r.Value.Value is null ? null : KpiRank(agency.Code), Trend(r))).ToList();
            return new AgencyReview(agency, AgencyScore.From(agency.Code, results), Overall(agency.Code), reviews);
        }).ToList();
        return new ReviewReport(November, AsOf, running, commitments.Select(c => c.Kpi).Distinct().ToList(), agencies);
    }

    /// <summary>Three weeks of daily points ending on the period's value, with a day without data in the middle.</summary>
    private static List<TrendPoint> Trend(CommitmentResult result)
    {
        if (result.Value.Value is not { } end)
        {
            return Enumerable.Range(0, 21).Select(d => new TrendPoint(November.FirstDay.AddDays(d), null)).ToList();
        }

        return Enumerable.Range(0, 21)
            .Select(d => new TrendPoint(November.FirstDay.AddDays(d), d == 10 ? null : Math.Min(100, end - 6 + (d * 0.3))))
            .ToList();
    }

    private static CounterSet Of(params (Counter Counter, long Value)[] values)
    {
        var set = default(CounterSet);
        foreach (var (counter, value) in values)
        {
            set[counter] = value;
        }

        return set;
    }
}
