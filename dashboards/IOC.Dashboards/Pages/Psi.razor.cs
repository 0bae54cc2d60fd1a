using IOC.History.Store;
using IOC.Review.Periods;
using IOC.Review.Psi;
using Microsoft.AspNetCore.Components;

namespace IOC.Dashboards.Pages;

/// <summary>
/// The Public Service Index ESTIMATE of a period: the five groups and their formulas, the four agencies, and the 126
/// wards ranked on the score scaled to 100 with a band filter. Everything is in the query string (period, band, lang),
/// so a link, a bookmark or the export names the same figures. Read through <see cref="PsiQuery"/>, as the API is.
/// </summary>
public sealed partial class Psi : PeriodPage
{
    /// <summary>The band filter's values in the query string; "none" is the wards with nothing measured.</summary>
    private static readonly string[] BandFilters = ["excellent", "middle", "weak", "none"];

    private PsiReport? _report;
    private IReadOnlyList<PsiGroupSummary> _groups = [];
    private string? _error;

    [Inject] public required PsiQuery Query { get; set; }

    [SupplyParameterFromQuery(Name = "band")] public string? BandParameter { get; set; }

    private string? Band => BandFilters.Contains(BandParameter) ? BandParameter : null;

    protected override async Task OnParametersSetAsync()
    {
        _report = null;
        _error = null;
        ReadPeriod();
        try
        {
            _report = await Query.BuildAsync(Period, CancellationToken.None);
            _groups = _report.Groups;
        }
        catch (HistoryStoreException ex)
        {
            // The store being down is a message on the page, as the API's 503 is, not a broken circuit.
            _error = ex.Message;
        }
    }

    private static string BandWire(PsiBand? band) => band.ToWire() ?? "none";

    private IEnumerable<PsiUnitResult> ShownWards => _report!.Wards.Where(w => Band is null || BandWire(w.Estimate.Band) == Band);

    private int CountOf(string band) => _report!.Wards.Count(w => BandWire(w.Estimate.Band) == band);

    private string Link(string path) => $"{path}?lang={Ui.Lang}";

    private string PeriodLink(ReviewPeriod period, string? band = null) =>
        $"psi?{period.Query}{(band ?? Band) switch { null or "all" => "", var b => $"&band={b}" }}&lang={Ui.Lang}";

    private string BandLink(string band) => PeriodLink(Period, band);

    private string GroupName(PsiGroup group) => Ui.IsEnglish ? group.NameEn() : group.NameVi();

    private string Formula(PsiGroupSummary group) => Ui.IsEnglish ? group.FormulaEn : group.FormulaVi;

    private string SourceText(PsiGroupSummary group) =>
        group.Group == PsiGroup.Transparency
            ? group.WardsManual > 0 ? Ui.Format("psi.source.manual", group.WardsManual, _report!.Wards.Count) : Ui["psi.source.none"]
            : Ui.Format("psi.source.feeds", group.WardsFed, _report!.Wards.Count);

    /// <summary>Points with one decimal in the page's culture ("17,6"), whole numbers without ("20").</summary>
    private string Points(double points) =>
        Math.Round(points, 1) % 1 == 0 ? Math.Round(points, 1).ToString("N0", Ui.Culture) : points.ToString("N1", Ui.Culture);
}
