using IOC.Domain.Kpis;

namespace IOC.Review.Psi;

/// <summary>
/// Estimates the Decision 766 index from counters over a period. Each fed group is its maximum points times the mean
/// of the rates it uses that have data in the period; a group with no data at all is not measured.
/// Formulas (also in docs/kpis.md and on the page):
///   Progress 20 = 20 × (early + on time) / completed
///   Digitization 22 = 22 × completed with digitized result / completed
///   Online services 22 = 22 × mean(online rate, full-process online rate, online payment rate)
///   Satisfaction 18 = 18 × mean(PAKN resolved on time / resolved, satisfied / responses)
///   Transparency 18 = not measured by the feeds: seed-data/psi-manual.csv, or "not measured"
/// </summary>
public static class PsiEstimator
{
    public static readonly IReadOnlyDictionary<PsiGroup, int> MaxPoints = new Dictionary<PsiGroup, int>
    {
        [PsiGroup.Transparency] = 18,
        [PsiGroup.Progress] = 20,
        [PsiGroup.Digitization] = 22,
        [PsiGroup.OnlineServices] = 22,
        [PsiGroup.Satisfaction] = 18,
    };

    private static readonly (PsiGroup Group, string[] Kpis, string Vi, string En)[] Fed =
    [
        (PsiGroup.Progress, ["dossier.onTimeRate"], "20 × (trước hạn + đúng hạn) / đã giải quyết", "20 × (early + on time) / completed"),
        (PsiGroup.Digitization, ["dossier.digitizedRate"], "22 × kết quả được số hóa / đã giải quyết", "22 × digitized results / completed"),
        (PsiGroup.OnlineServices, ["dossier.onlineRate", "dossier.fullProcessOnlineRate", "dossier.onlinePaymentRate"],
            "22 × trung bình(tỷ lệ trực tuyến, tỷ lệ toàn trình, tỷ lệ thanh toán trực tuyến)", "22 × mean(online rate, full-process rate, online payment rate)"),
        (PsiGroup.Satisfaction, ["hotline.ticketOnTimeRate", "satisfaction.rate"],
            "18 × trung bình(PAKN đúng hạn / đã xử lý, hài lòng / số đánh giá)", "18 × mean(PAKN on time / resolved, satisfied / responses)"),
    ];

    public static PsiEstimate Estimate(string unit, in CounterSet counters, IReadOnlyDictionary<PsiGroup, double>? manual = null)
    {
        var groups = new List<PsiGroupScore>(5);
        groups.Add(manual is not null && manual.TryGetValue(PsiGroup.Transparency, out var entered)
            ? new PsiGroupScore(PsiGroup.Transparency, 18, Math.Clamp(entered, 0, 18), PsiSource.Manual, "Nhập tay (seed-data/psi-manual.csv)", "Entered by hand (seed-data/psi-manual.csv)")
            : new PsiGroupScore(PsiGroup.Transparency, 18, null, PsiSource.NotMeasured, "Không đo được từ dữ liệu vận hành", "Not measurable from the feeds"));

        foreach (var (group, kpis, vi, en) in Fed)
        {
            var max = MaxPoints[group];
            var rates = new List<double>(kpis.Length);
            foreach (var id in kpis)
            {
                if (KpiCatalog.Get(id).Evaluate(counters, default).Value is { } rate)
                {
                    rates.Add(rate / 100);
                }
            }

            groups.Add(rates.Count == 0
                ? new PsiGroupScore(group, max, null, PsiSource.NotMeasured, vi, en)
                : new PsiGroupScore(group, max, max * rates.Average(), PsiSource.Feeds, vi, en));
        }

        return new PsiEstimate(unit, groups);
    }
}
