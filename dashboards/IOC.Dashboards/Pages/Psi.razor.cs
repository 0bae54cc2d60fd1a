using IOC.Dashboards.Models;
using IOC.Domain.Units;
using IOC.History.Store;
using IOC.Review.Periods;
using IOC.Review.Psi;
using Microsoft.AspNetCore.Components;

namespace IOC.Dashboards.Pages;

/// <summary>
/// The Public Service Index ESTIMATE of a period: the five groups and their formulas, in national mode the 34 provinces
/// ranked, the agencies, and the wards ranked on the score scaled to 100 with a band filter (and in national mode a
/// province filter, which ranks that province's communes among themselves). Everything is in the query string
/// (period, band, province, lang), so a link, a bookmark or the export names the same figures. Read through
/// <see cref="PsiQuery"/>, as the API is.
/// </summary>
public sealed partial class Psi : PeriodPage
{
    /// <summary>The band filter's values in the query string; "none" is the wards with nothing measured.</summary>
    private static readonly string[] BandFilters = ["excellent", "middle", "weak", "none"];

    private PsiReport? _report;
    private IReadOnlyList<PsiGroupSummary> _groups = [];
    private IReadOnlyList<PsiUnitResult> _wardsInScope = [];
    private string? _error;

    /// <summary>What a row of the page's tables shows.</summary>
    private enum Row
    {
        Ward,
        Agency,
        Province,
    }

    [Inject] public required PsiQuery Query { get; set; }

    [Inject] public required UnitCatalog Units { get; set; }

    [SupplyParameterFromQuery(Name = "band")] public string? BandParameter { get; set; }

    [SupplyParameterFromQuery(Name = "province")] public string? ProvinceParameter { get; set; }

    /// <summary>National mode: the province whose communes are ranked; null: all communes nationwide.</summary>
    private Unit? Province { get; set; }

    /// <summary>A province code naming no province: said on the page, every commune shown.</summary>
    private string? ProvinceError { get; set; }

    /// <summary>The wards the ranking covers: all, or the chosen province's ranked among themselves.</summary>
    private IReadOnlyList<PsiUnitResult> WardsInScope => _wardsInScope;

    private string? Band => BandFilters.Contains(BandParameter) ? BandParameter : null;

    protected override async Task OnParametersSetAsync()
    {
        _report = null;
        _error = null;
        ReadPeriod();
        (Province, ProvinceError) = ProvinceChoice.Read(Units, ProvinceParameter);
        try
        {
            _report = await Query.BuildAsync(Period, CancellationToken.None);
            _groups = _report.Groups;
            _wardsInScope = Province is { } province
                ? PsiReport.Rank(_report.Wards.Where(w => Units.ProvinceOf(w.Unit.Key)?.Code == province.Code))
                : _report.Wards;
        }
        catch (HistoryStoreException ex)
        {
            // The store being down is a message on the page, as the API's 503 is, not a broken circuit.
            _error = ex.Message;
        }
    }

    private static string BandWire(PsiBand? band) => band.ToWire() ?? "none";

    /// <summary>
    /// National mode without a province chosen: the nationwide ranking shows its first rows only. 3,321 rows of nine
    /// cells made the page take many seconds to draw (twice: prerendered, then interactive); a province's communes, the
    /// band filter's counts and the downloads still cover every commune.
    /// </summary>
    private const int NationalRows = 100;

    private IEnumerable<PsiUnitResult> Filtered => WardsInScope.Where(w => Band is null || BandWire(w.Estimate.Band) == Band);

    private bool Truncated => Units.IsNational && Province is null && Filtered.Count() > NationalRows;

    private IEnumerable<PsiUnitResult> ShownWards => Truncated ? Filtered.Take(NationalRows) : Filtered;

    private int CountOf(string band) => WardsInScope.Count(w => BandWire(w.Estimate.Band) == band);

    /// <summary>National mode without a province chosen: the province each commune is shown with.</summary>
    private Unit? ProvinceOfWard(Unit ward) => Units.IsNational && Province is null ? Units.ProvinceOf(ward.Key) : null;

    /// <summary>What the province filter's form keeps: the period and the band.</summary>
    private IEnumerable<(string Name, string Value)> ProvinceKeep =>
        Period.Query.Split('&').Select(pair => pair.Split('=', 2)).Select(p => (p[0], Uri.UnescapeDataString(p[1])))
            .Concat(Band is { } band ? [("band", band)] : []);

    private string Link(string path) => $"{path}?lang={Ui.Lang}";

    private string PeriodLink(ReviewPeriod period, string? band = null) =>
        $"psi?{period.Query}{(band ?? Band) switch { null or "all" => "", var b => $"&band={b}" }}{(Province is { } p ? $"&province={p.Code}" : "")}&lang={Ui.Lang}";

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
