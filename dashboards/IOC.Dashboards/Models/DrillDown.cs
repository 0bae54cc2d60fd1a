using IOC.Domain.Units;

namespace IOC.Dashboards.Models;

/// <summary>
/// What differs between the ward and the agency drill-down (one page, <see cref="Pages.UnitPage"/>): how a code is
/// found, where the page and its history API live, and the texts that name the kind of unit.
/// </summary>
/// <param name="Path">The page's path segment: <c>wards/{code}</c>, <c>agencies/{code}</c>.</param>
/// <param name="ApiPath">The history API's segment for the same unit: <c>units</c> or <c>agencies</c>.</param>
/// <param name="Texts">The prefix of the texts that differ: <c>ward.title</c>, <c>agency.title</c>.</param>
public sealed record DrillDown(UnitLevel Level, string Path, string ApiPath, string Texts)
{
    public static readonly DrillDown Ward = new(UnitLevel.Ward, "wards", "units", "ward");

    public static readonly DrillDown Agency = new(UnitLevel.Agency, "agencies", "agencies", "agency");

    public Unit? Find(UnitCatalog units, string code) => Level == UnitLevel.Agency
        ? units.TryGetAgency(code, out var agency) ? agency : null
        : units.TryGetWard(code, out var ward) ? ward : null;

    public string PageLink(string code) => $"{Path}/{code}";

    public string HistoryApi(string code) => $"api/v1/history/{ApiPath}/{code}";

    public string OpenDossiersApi(string code) => $"api/v1/open-dossiers/{ApiPath}/{code}";

    /// <summary>The unit's one-page briefing (PDF) for a day, week or month.</summary>
    public string BriefingApi(string code, string period, string lang) => $"api/v1/briefings/{ApiPath}/{code}?period={period}&lang={lang}";
}
