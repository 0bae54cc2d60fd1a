using IOC.Dashboards.Localization;
using IOC.Domain.Time;
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
public sealed partial class Review
{
    private ReviewPeriod _period = ReviewPeriod.MonthOf(DateOnly.MinValue);
    private PeriodError? _periodError;
    private ReviewReport? _report;
    private string? _error;
    private DateOnly _today;

    [Inject] public required ReviewQuery Query { get; set; }

    [Inject] public required NavigationManager Navigation { get; set; }

    [Inject] public required TimeProvider Time { get; set; }

    [CascadingParameter] public required Ui Ui { get; set; }

    [SupplyParameterFromQuery(Name = "period")] public string? PeriodParameter { get; set; }

    [SupplyParameterFromQuery(Name = "value")] public string? ValueParameter { get; set; }

    [SupplyParameterFromQuery(Name = "from")] public string? FromParameter { get; set; }

    [SupplyParameterFromQuery(Name = "to")] public string? ToParameter { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _today = VietnamTime.LocalDate(Time.GetUtcNow());

        // A period that does not parse is said so on the page, which then shows the current month.
        ReviewPeriod.TryParse(PeriodParameter, ValueParameter, FromParameter, ToParameter, _today, out _period, out _periodError);
        _report = null;
        _error = null;
        try
        {
            _report = await Query.BuildAsync(_period, CancellationToken.None);
        }
        catch (HistoryStoreException ex)
        {
            _error = ex.Message;
        }
    }

    private string Export(string format) => $"api/v1/review?{_period.Query}&format={format}&lang={Ui.Lang}";

    private string RankText(int? rank, int of) => rank is { } r ? Ui.Format("review.rank", r, of) : Ui["review.unranked"];

    /// <summary>A full load so the server sets the language cookie and every static text follows.</summary>
    private void SwitchLanguage() =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("lang", Ui.IsEnglish ? "vi" : "en"), forceLoad: true);
}
