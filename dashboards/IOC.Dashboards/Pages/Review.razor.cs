using IOC.History.Store;
using IOC.Review.Periods;
using IOC.Review.Reports;
using Microsoft.AspNetCore.Components;

namespace IOC.Dashboards.Pages;

/// <summary>
/// The competition review: the four agencies side by side against their commitments over a month, quarter, year or
/// custom period, with gaps in words, trends and ranks. Built by <see cref="ReviewQuery"/>, the same object the API,
/// the PDF and the Excel export are made from.
/// </summary>
public sealed partial class Review : PeriodPage
{
    private ReviewReport? _report;
    private string? _error;

    [Inject] public required ReviewQuery Query { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        ReadPeriod();
        _report = null;
        _error = null;
        try
        {
            _report = await Query.BuildAsync(Period, CancellationToken.None);
        }
        catch (HistoryStoreException ex)
        {
            _error = ex.Message;
        }
    }

    private string Export(string format) => $"api/v1/review?{Period.Query}&format={format}&lang={Ui.Lang}";

    private string RankText(int? rank, int of) => rank is { } r ? Ui.Format("review.rank", r, of) : Ui["review.unranked"];
}
