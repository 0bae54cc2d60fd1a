using IOC.Domain.Kpis;
using IOC.Domain.Nowcast;
using IOC.History.Queries;
using IOC.History.Store;
using IOC.Review.Periods;
using IOC.Review.Reports;
using Microsoft.AspNetCore.Components;

namespace IOC.Dashboards.Pages;

/// <summary>
/// The competition review: the four agencies side by side against their commitments over a month, quarter, year or
/// custom period, with gaps in words, trends and ranks, and while a month or year runs where it will end. Built by <see cref="ReviewQuery"/>, the same object the API,
/// the PDF and the Excel export are made from.
/// </summary>
public sealed partial class Review : PeriodPage
{
    private ReviewReport? _report;
    private string? _error;
    private Dictionary<(string Agency, string Kpi), KpiNowcast> _nowcasts = [];

    [Inject] public required ReviewQuery Query { get; set; }

    [Inject] public required NowcastQuery Nowcast { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        ReadPeriod();
        _report = null;
        _nowcasts = [];
        _error = null;
        try
        {
            _report = await Query.BuildAsync(Period, CancellationToken.None);
            _nowcasts = await NowcastsAsync(_report);
        }
        catch (HistoryStoreException ex)
        {
            _error = ex.Message;
        }
    }

    /// <summary>
    /// A month or a year under way: where each commitment's rate will end and what it takes (BuildAsync caught up).
    /// A quarter or a custom period has no nowcast horizon; a period that ended needs none.
    /// </summary>
    private async Task<Dictionary<(string Agency, string Kpi), KpiNowcast>> NowcastsAsync(ReviewReport report)
    {
        var nowcasts = new Dictionary<(string Agency, string Kpi), KpiNowcast>();
        NowcastHorizon? horizon = Period.Kind switch { PeriodKind.Month => NowcastHorizon.Month, PeriodKind.Year => NowcastHorizon.Year, _ => null };
        var today = Nowcast.Today;
        if (horizon is not { } h || !report.Running || !Period.Contains(today))
        {
            return nowcasts;
        }

        foreach (var agency in report.Agencies)
        {
            var days = await Nowcast.DaysAsync(agency.Agency, CancellationToken.None);
            foreach (var cell in agency.Commitments.Where(c => KpiCatalog.Get(c.Result.Commitment.Kpi).Kind == KpiKind.Rate))
            {
                var commitment = cell.Result.Commitment;
                nowcasts[(agency.Agency.Code, commitment.Kpi)] = KpiNowcast.Project(KpiCatalog.Get(commitment.Kpi), commitment.ToTarget(), h, days, today, Nowcast.Calendar);
            }
        }

        return nowcasts;
    }

    private string Export(string format) => $"api/v1/review?{Period.Query}&format={format}&lang={Ui.Lang}";

    private string RankText(int? rank, int of) => rank is { } r ? Ui.Format("review.rank", r, of) : Ui["review.unranked"];
}
