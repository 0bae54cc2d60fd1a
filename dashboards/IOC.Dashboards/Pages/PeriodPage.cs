using IOC.Dashboards.Localization;
using IOC.Domain.Time;
using IOC.Review.Periods;
using Microsoft.AspNetCore.Components;

namespace IOC.Dashboards.Pages;

/// <summary>
/// What the review pages (/review, /psi) share: the period the query string names (a bad one is reported and this
/// month shown instead) and today in Hanoi.
/// </summary>
public abstract class PeriodPage : ComponentBase
{
    [Inject] public required TimeProvider Time { get; set; }

    [CascadingParameter] public required Ui Ui { get; set; }

    [SupplyParameterFromQuery(Name = "period")] public string? PeriodParameter { get; set; }

    [SupplyParameterFromQuery(Name = "value")] public string? ValueParameter { get; set; }

    [SupplyParameterFromQuery(Name = "from")] public string? FromParameter { get; set; }

    [SupplyParameterFromQuery(Name = "to")] public string? ToParameter { get; set; }

    protected ReviewPeriod Period { get; private set; } = ReviewPeriod.MonthOf(DateOnly.MinValue);

    /// <summary>The parameter that did not name a period, shown on the page; null when it did.</summary>
    protected PeriodError? PeriodError { get; private set; }

    protected DateOnly Today { get; private set; }

    /// <summary>Reads the period from the query string; call first in OnParametersSetAsync.</summary>
    protected void ReadPeriod()
    {
        Today = VietnamTime.LocalDate(Time.GetUtcNow());
        ReviewPeriod.TryParse(PeriodParameter, ValueParameter, FromParameter, ToParameter, Today, out var period, out var error);
        Period = period;
        PeriodError = error;
    }
}
