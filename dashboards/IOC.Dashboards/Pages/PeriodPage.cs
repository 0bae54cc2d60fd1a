using IOC.Dashboards.Localization;
using IOC.Dashboards.Models;
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
        // The custom period's days are typed dd/mm/yyyy (DateEntry); links and the API name them yyyy-MM-dd.
        ReviewPeriod.TryParse(PeriodParameter, ValueParameter, PageDate.ToIso(FromParameter), PageDate.ToIso(ToParameter), Today, out var period, out var error);
        Period = period;
        PeriodError = error is { Field: "from" or "to" } && PageDate.Parse(error.Field == "from" ? FromParameter : ToParameter) is null
            ? error with { Reason = DateReason(error.Field == "from" ? FromParameter : ToParameter) }
            : error;
    }

    /// <summary>Why a typed day was not read, in the page's language.</summary>
    private string DateReason(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Ui["date.reason.missing"] : Ui.Format("date.reason.invalid", text);
}
