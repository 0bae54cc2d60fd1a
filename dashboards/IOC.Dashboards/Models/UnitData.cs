using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.History.Queries;
using IOC.History.Reading;

namespace IOC.Dashboards.Models;

/// <summary>One trend chart: a KPI group and the series of its main rates.</summary>
/// <param name="AxisFrom">Where the time axis starts (Hanoi time): the range's first day, so "today" spans one day
/// and a single point is placed in it, not in the middle of a two-day axis the chart library makes up.</param>
/// <param name="AxisTo">Where it ends: midnight after the last day, or the last day's midnight for day points.</param>
public sealed record GroupChart(string Group, string Step, IReadOnlyList<HistorySeries> Series, DateTime? AxisFrom = null, DateTime? AxisTo = null);

/// <summary>What the ward or agency page shows for a range, read through the same queries as the history API.</summary>
/// <param name="Groups">The KPI groups shown, in order; one chart each.</param>
public sealed record UnitData(HistorySummary Summary, DossierBreakdown Dossiers, OpenDossierList Open, IReadOnlyList<string> Groups, IReadOnlyList<GroupChart> Charts)
{
    /// <summary>A ward's KPI groups in the order the page shows them: always all three.</summary>
    public static readonly string[] WardGroups = ShownGroups.Ward;

    /// <summary>The groups an agency may show (see <see cref="ShownGroups"/>).</summary>
    public static readonly string[] AgencyGroups = ShownGroups.Agency;

    /// <summary>The main rates charted per group.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Charted = new Dictionary<string, string[]>
    {
        ["dossier"] = ["dossier.onlineRate", "dossier.onTimeRate", "dossier.digitalPlatformRate"],
        ["hotline"] = ["hotline.answerRate", "hotline.serviceLevel", "hotline.abandonmentRate"],
        ["satisfaction"] = ["satisfaction.rate", "satisfaction.dossierRate", "satisfaction.hotlineRate"],
        ["document"] = ["document.digitalRate", "document.signedRate"],
    };

    /// <summary>The groups a unit's page shows, by the rule the summary export follows too (<see cref="ShownGroups"/>).</summary>
    public static IReadOnlyList<string> GroupsFor(UnitLevel level, HistorySummary summary) => ShownGroups.For(level, summary.Kpis);

    public static async Task<UnitData> LoadAsync(HistoryQueries queries, OpenDossierQuery open, Unit unit, WardRange range, DateTimeOffset now, CancellationToken ct)
    {
        var summary = await queries.SummaryAsync(unit, range.From, range.To, ct);
        var dossiers = await queries.DossiersAsync(unit, range.From, range.To, ct);
        var list = await open.ListAsync(unit, "due", descending: false, ct);
        var groups = GroupsFor(unit.Level, summary);
        var step = StepFor(range, queries.Reader, now);
        var charts = new List<GroupChart>();
        var axisFrom = VietnamTime.ToLocal(range.From).DateTime;
        var axisTo = VietnamTime.ToLocal(step == HistoryStep.Day ? range.To.AddDays(-1) : range.To).DateTime;
        foreach (var group in groups)
        {
            var series = new List<HistorySeries>();
            foreach (var id in Charted[group])
            {
                series.Add(await queries.SeriesAsync(unit, KpiCatalog.Get(id), range.From, range.To, step, ct));
            }

            charts.Add(new GroupChart(group, step.ToWire(), series, axisFrom, axisTo));
        }

        return new UnitData(summary, dossiers, list, groups, charts);
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
