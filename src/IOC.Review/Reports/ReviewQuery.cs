using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.History.Queries;
using IOC.History.Reading;
using IOC.Review.Agreement;
using IOC.Review.Commitments;
using IOC.Review.Periods;
using IOC.Review.Ranking;

namespace IOC.Review.Reports;

/// <summary>
/// Builds the review of a period from the history store: each agency's totals over the period (one store request),
/// its commitments judged on them, ranks per KPI and overall, and a trend per commitment.
/// </summary>
public sealed class ReviewQuery(CompetitionAgreement agreement, HistoryQueries queries, TimeProvider time)
{
    public async Task<ReviewReport> BuildAsync(ReviewPeriod period, CancellationToken ct)
    {
        await queries.CatchUpAsync(ct);
        var now = time.GetUtcNow();
        var agencies = agreement.Agencies;
        var totals = await queries.Reader.TotalsAsync(agencies.Select(a => new RangeRequest(a.Key, period.From, period.To)).ToList(), ct);

        var results = new List<(Unit Agency, List<(CommitmentResult Result, IReadOnlyList<TrendPoint> Trend)> Items)>(agencies.Count);
        for (var i = 0; i < agencies.Count; i++)
        {
            var commitments = agreement.For(agencies[i].Code);
            var trends = await TrendsAsync(agencies[i], commitments.Select(c => KpiCatalog.Get(c.Kpi)).ToList(), period, now, ct);
            results.Add((agencies[i], commitments
                .Select((c, k) => (CommitmentResult.Evaluate(c, totals[i].Counters, default), trends[k]))
                .ToList()));
        }

        var kpiRanks = agreement.Kpis.ToDictionary(kpi => kpi, kpi => RankOn(kpi, results.Select(r => (r.Agency.Code, r.Items.Select(x => x.Result).ToList()))));
        var scores = results.Select(r => AgencyScore.From(r.Agency.Code, r.Items.Select(x => x.Result).ToList())).ToList();
        var overall = CompetitionRanking.Rank(scores.Select(s => (s.Agency, s.Attainment)), higherIsBetter: true).ToDictionary(e => e.Key, e => e.Rank);

        var reviews = results.Select((r, i) => new AgencyReview(
            r.Agency,
            scores[i],
            overall[r.Agency.Code],
            r.Items.Select(x => new CommitmentReview(x.Result, kpiRanks[x.Result.Commitment.Kpi][r.Agency.Code], x.Trend)).ToList())).ToList();
        return new ReviewReport(period, VietnamTime.ToLocal(now), period.To > now, agreement.Kpis, reviews);
    }

    /// <summary>Ranks the agencies committed to a KPI on their values, best first by the commitment's direction.</summary>
    private static Dictionary<string, int?> RankOn(string kpi, IEnumerable<(string Agency, List<CommitmentResult> Results)> agencies)
    {
        var entries = agencies
            .Select(a => (a.Agency, Result: a.Results.FirstOrDefault(r => r.Commitment.Kpi == kpi)))
            .Where(a => a.Result is not null)
            .ToList();
        if (entries.Count == 0)
        {
            return [];
        }

        var higherIsBetter = entries[0].Result!.Commitment.Direction == TargetDirection.AtLeast;
        return CompetitionRanking.Rank(entries.Select(e => (e.Agency, e.Result!.Value.Value)), higherIsBetter).ToDictionary(e => e.Key, e => e.Rank);
    }

    /// <summary>
    /// Each KPI per day of the period up to today (per month when the period is longer than a quarter), from one read
    /// of the agency's days with the counters all the KPIs need.
    /// </summary>
    private async Task<IReadOnlyList<IReadOnlyList<TrendPoint>>> TrendsAsync(Unit agency, IReadOnlyList<KpiDefinition> kpis, ReviewPeriod period, DateTimeOffset now, CancellationToken ct)
    {
        var lastDay = VietnamTime.LocalDate(now) < period.LastDay ? VietnamTime.LocalDate(now) : period.LastDay;
        if (lastDay < period.FirstDay || kpis.Count == 0)
        {
            return kpis.Select(_ => (IReadOnlyList<TrendPoint>)[]).ToList();
        }

        var counters = kpis.SelectMany(k => k.Numerator.Concat(k.Denominator is { } d ? [d] : Array.Empty<Counter>())).Distinct().ToList();
        var days = await queries.Reader.SeriesAsync(agency.Key, period.From, VietnamTime.StartOfDay(lastDay.AddDays(1)), HistoryStep.Day, ct, counters);
        var points = days.Select(p => (Day: VietnamTime.LocalDate(p.Start), p.Counters));
        if (period.MonthlyTrend)
        {
            points = points
                .GroupBy(p => new DateOnly(p.Day.Year, p.Day.Month, 1))
                .Select(g =>
                {
                    var sum = default(CounterSet);
                    foreach (var p in g)
                    {
                        sum.Add(p.Counters);
                    }

                    return (g.Key, sum);
                });
        }

        var steps = points.ToList();
        return kpis.Select(kpi => (IReadOnlyList<TrendPoint>)steps.Select(p => new TrendPoint(p.Day, kpi.Evaluate(p.Counters, default).Value)).ToList()).ToList();
    }
}
