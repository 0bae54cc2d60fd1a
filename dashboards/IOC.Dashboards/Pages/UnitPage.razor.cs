using IOC.Dashboards.Localization;
using IOC.Dashboards.Models;
using IOC.Domain.Nowcast;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.History.Queries;
using IOC.History.Store;
using Microsoft.AspNetCore.Components;

namespace IOC.Dashboards.Pages;

/// <summary>
/// One ward or agency over a range: every KPI against its target, the city and the previous period; trends; dossiers
/// by channel and procedure; open overdue dossiers; where the month and year will end (<see cref="NowcastQuery"/>).
/// Read through <see cref="HistoryQueries"/>, the same code as the history API, so the export links (the API's ?format=csv|xlsx for the same from/to) give the rows shown.
/// <see cref="Ward"/> and <see cref="Agency"/> carry the routes and say which kind of unit (<see cref="Kind"/>).
/// </summary>
public abstract partial class UnitPage
{
    private Unit? _unit;
    private WardRange _range = WardRange.Parse(null, null, null, DateOnly.MinValue);
    private UnitData? _data;
    private IReadOnlyList<KpiNowcast> _nowcasts = [];
    private string? _error;
    private RangeProblem? _problem;

    [Parameter] public required string Code { get; set; }

    [Inject] public required UnitCatalog Units { get; set; }

    [Inject] public required HistoryQueries Queries { get; set; }

    [Inject] public required OpenDossierQuery OpenDossiers { get; set; }

    [Inject] public required NowcastQuery Nowcast { get; set; }

    [Inject] public required TimeProvider Time { get; set; }

    [CascadingParameter] public required Ui Ui { get; set; }

    [SupplyParameterFromQuery(Name = "range")] public string? RangeParameter { get; set; }

    [SupplyParameterFromQuery(Name = "from")] public string? FromParameter { get; set; }

    [SupplyParameterFromQuery(Name = "to")] public string? ToParameter { get; set; }

    /// <summary>Ward or agency: where the page and its API live, its texts, how the code is found.</summary>
    protected abstract DrillDown Kind { get; }

    private string Api => Kind.HistoryApi(Code);

    /// <summary>What the export links download: the API's answers for the range shown.</summary>
    private (string Kind, string Path)[] Exports =>
    [
        ("summary", $"{Api}/summary?from={_range.FromParameter}&to={_range.ToParameter}"),
        ("dossiers", $"{Api}/dossiers?from={_range.FromParameter}&to={_range.ToParameter}"),
        ("open", $"{Kind.OpenDossiersApi(Code)}?sort=due"),
    ];

    private string PickerQuery => _range.Key == "custom"
        ? $"?range=custom&from={_range.FromParameter}&to={_range.LastDay:yyyy-MM-dd}&lang={Ui.Lang}"
        : $"?range={_range.Key}&lang={Ui.Lang}";

    /// <summary>National mode: each match of the picker shows its province.</summary>
    private Func<Unit, Unit?>? ProvinceOf => Units.IsNational ? ward => Units.ProvinceOf(ward.Key) : null;

    /// <summary>
    /// What the tables compare the unit with (HistoryQueries compares with its parent): the head as a whole ("Toàn
    /// thành phố", "Toàn tỉnh"), or in national mode the commune's province by name.
    /// </summary>
    private string ComparedWith => _unit is { } unit && Units.Parent(unit.Key) is { } parent && parent != Units.Head ? Ui.Name(parent) : Ui.Whole;

    protected override async Task OnParametersSetAsync()
    {
        var now = Time.GetUtcNow();
        _range = WardRange.Parse(RangeParameter, FromParameter, ToParameter, VietnamTime.LocalDate(now));
        _problem = WardRange.Problem(RangeParameter, FromParameter, ToParameter);
        _unit = Kind.Find(Units, Code);
        _data = null;
        _nowcasts = [];
        _error = null;
        if (_unit is null)
        {
            return;
        }

        try
        {
            _data = await UnitData.LoadAsync(Queries, OpenDossiers, _unit, _range, now, CancellationToken.None);
            // Where the month and year will end does not depend on the range shown: it is always from today.
            _nowcasts = await Nowcast.ForUnitAsync(_unit, CancellationToken.None);
        }
        catch (HistoryStoreException ex)
        {
            // The store being down is a message on the page, as the API's 503 is, not a broken circuit.
            _error = ex.Message;
        }
    }

    private string ProblemText(RangeProblem problem) =>
        Ui.Format(problem.Reason, Ui[problem.Field == "from" ? "range.from" : "range.to"], problem.Text ?? "", WardRange.MaxDays);

    private string Link(string path) => $"{path}?lang={Ui.Lang}";

    private string RangeLink(string preset) => $"{Kind.PageLink(Code)}?range={preset}&lang={Ui.Lang}";
}
