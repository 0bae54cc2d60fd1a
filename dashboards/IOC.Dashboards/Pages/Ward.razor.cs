using IOC.Dashboards.Localization;
using IOC.Dashboards.Models;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.History.Queries;
using IOC.History.Store;
using Microsoft.AspNetCore.Components;

namespace IOC.Dashboards.Pages;

/// <summary>
/// One ward over a range: every KPI against its target, the city and the previous period; trends; dossiers by channel
/// and procedure; open overdue dossiers. Read through <see cref="HistoryQueries"/>, the same code as the history API,
/// so the export links (the API's ?format=csv|xlsx for the same from/to) give the rows shown.
/// </summary>
public sealed partial class Ward
{
    private Unit? _ward;
    private WardRange _range = WardRange.Parse(null, null, null, DateOnly.MinValue);
    private WardData? _data;
    private string? _error;

    [Parameter] public required string Code { get; set; }

    [Inject] public required UnitCatalog Units { get; set; }

    [Inject] public required HistoryQueries Queries { get; set; }

    [Inject] public required OpenDossierQuery OpenDossiers { get; set; }

    [Inject] public required NavigationManager Navigation { get; set; }

    [Inject] public required TimeProvider Time { get; set; }

    [CascadingParameter] public required Ui Ui { get; set; }

    [SupplyParameterFromQuery(Name = "range")] public string? RangeParameter { get; set; }

    [SupplyParameterFromQuery(Name = "from")] public string? FromParameter { get; set; }

    [SupplyParameterFromQuery(Name = "to")] public string? ToParameter { get; set; }

    private string Api => $"api/v1/history/units/{Code}";

    /// <summary>What the export links download: the API's answers for the range shown.</summary>
    private (string Kind, string Path)[] Exports =>
    [
        ("summary", $"{Api}/summary?from={_range.FromParameter}&to={_range.ToParameter}"),
        ("dossiers", $"{Api}/dossiers?from={_range.FromParameter}&to={_range.ToParameter}"),
        ("open", $"api/v1/open-dossiers/units/{Code}?sort=due"),
    ];

    private string PickerQuery => _range.Key == "custom"
        ? $"?range=custom&from={_range.FromParameter}&to={_range.LastDay:yyyy-MM-dd}&lang={Ui.Lang}"
        : $"?range={_range.Key}&lang={Ui.Lang}";

    protected override async Task OnParametersSetAsync()
    {
        var now = Time.GetUtcNow();
        _range = WardRange.Parse(RangeParameter, FromParameter, ToParameter, VietnamTime.LocalDate(now));
        _ward = Units.TryGetWard(Code, out var ward) ? ward : null;
        _data = null;
        _error = null;
        if (_ward is null)
        {
            return;
        }

        try
        {
            _data = await WardData.LoadAsync(Queries, OpenDossiers, _ward, _range, now, CancellationToken.None);
        }
        catch (HistoryStoreException ex)
        {
            // The store being down is a message on the page, as the API's 503 is, not a broken circuit.
            _error = ex.Message;
        }
    }

    private string Link(string path) => $"{path}?lang={Ui.Lang}";

    private string RangeLink(string preset) => $"wards/{Code}?range={preset}&lang={Ui.Lang}";

    /// <summary>A full load so the server sets the language cookie and every static text follows.</summary>
    private void SwitchLanguage() =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("lang", Ui.IsEnglish ? "vi" : "en"), forceLoad: true);
}
