using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.History.Queries;
using IOC.History.Reading;

namespace IOC.Dashboards.Models;

/// <summary>One trend chart: a KPI group and the series of its main rates.</summary>
public sealed record GroupChart(string Group, string Step, IReadOnlyList<HistorySeries> Series);

/// <summary>What the ward page shows for a range, read through the same queries as the history API.</summary>
public sealed record WardData(HistorySummary Summary, DossierBreakdown Dossiers, OpenDossierList Open, IReadOnlyList<GroupChart> Charts)
{
    /// <summary>KPI groups in the order the page shows them.</summary>
    public static readonly string[] Groups = ["dossier", "hotline", "satisfaction"];

    /// <summary>The main rates charted per group.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Charted = new Dictionary<string, string[]>
    {
        ["dossier"] = ["dossier.onlineRate", "dossier.onTimeRate", "dossier.digitalPlatformRate"],
        ["hotline"] = ["hotline.answerRate", "hotline.serviceLevel", "hotline.abandonmentRate"],
        ["satisfaction"] = ["satisfaction.rate", "satisfaction.dossierRate", "satisfaction.hotlineRate"],
    };

    public static async Task<WardData> LoadAsync(HistoryQueries queries, OpenDossierQuery open, Unit ward, WardRange range, DateTimeOffset now, CancellationToken ct)
    {
        var summary = await queries.SummaryAsync(ward, range.From, range.To, ct);
        var dossiers = await queries.DossiersAsync(ward, range.From, range.To, ct);
        var list = await open.ListAsync(ward, "due", descending: false, ct);
        var step = StepFor(range, queries.Reader, now);
        var charts = new List<GroupChart>();
        foreach (var group in Groups)
        {
            var series = new List<HistorySeries>();
            foreach (var id in Charted[group])
            {
                series.Add(await queries.SeriesAsync(ward, KpiCatalog.Get(id), range.From, range.To, step, ct));
            }

            charts.Add(new GroupChart(group, step.ToWire(), series));
        }

        return new WardData(summary, dossiers, list, charts);
    }

    /// <summary>The range's step, or a coarser one when the store no longer keeps the finer buckets that far back.</summary>
    private static HistoryStep StepFor(WardRange range, HistoryReader reader, DateTimeOffset now)
    {
        var step = range.Step;
        while (step != HistoryStep.Day && !reader.Retention.Keeps(step.Source(), range.From.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds()))
        {
            step = step == HistoryStep.FiveMinutes ? HistoryStep.Hour : HistoryStep.Day;
        }

        return step;
    }
}
