using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.History.Queries;
using IOC.History.Reading;
using IOC.Review.Periods;

namespace IOC.Review.Psi;

/// <summary>
/// The PSI estimate of a period from the history store: every ward's and agency's totals over the period (and in national
/// mode every province's, from the province series the history writer rolls communes up into) in one store request,
/// estimated and ranked by <see cref="PsiReport.Build"/>. The page and GET /api/v1/psi both read it.
/// </summary>
public sealed class PsiQuery(UnitCatalog units, PsiManualData manual, HistoryQueries queries, TimeProvider time)
{
    public async Task<PsiReport> BuildAsync(ReviewPeriod period, CancellationToken ct)
    {
        await queries.CatchUpAsync(ct);
        var provinces = units.IsNational ? units.Provinces : [];
        var all = units.Wards.Concat(units.Agencies).Concat(provinces).ToList();
        var totals = await queries.Reader.TotalsAsync(all.Select(u => new RangeRequest(u.Key, period.From, period.To)).ToList(), ct);
        var counters = all.Select((u, i) => (u, totals[i].Counters)).ToList();
        return PsiReport.Build(
            period,
            VietnamTime.ToLocal(time.GetUtcNow()),
            counters.Take(units.Wards.Count).ToList(),
            counters.Skip(units.Wards.Count).Take(units.Agencies.Count).ToList(),
            manual,
            counters.Skip(units.Wards.Count + units.Agencies.Count).ToList());
    }
}
