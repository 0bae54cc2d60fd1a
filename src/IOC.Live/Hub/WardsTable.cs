using IOC.Live.KpiViews;

namespace IOC.Live.Hub;

/// <summary>
/// The <c>wards</c> group's snapshot: every ward with a few headline KPIs (value and status only), enough for a
/// ranking of the weakest wards and the counts that need action without 126 full snapshots.
/// </summary>
public sealed record WardsTable(string Window, DateTimeOffset AsOf, IReadOnlyList<string> Kpis, IReadOnlyList<WardRow> Wards)
{
    /// <summary>The headline KPIs, in column order: the wards' published targets and the counts that need action.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "dossier.received",
        "dossier.onlineRate",
        "dossier.fullProcessOnlineRate",
        "dossier.digitalPlatformRate",
        "dossier.onTimeRate",
        "dossier.overduePending",
        "hotline.serviceLevel",
        "hotline.ticketOnTimeRate",
        "hotline.openOverdueTickets",
        "satisfaction.rate",
    ];

    public static WardsTable From(IReadOnlyList<UnitKpis> wards, DateTimeOffset asOf) =>
        new("today", asOf, Columns, [.. wards.Select(WardRow.From)]);
}

/// <summary>One ward in the table: code, names and its headline cells keyed by KPI id.</summary>
public sealed record WardRow(string Code, string Name, string NameEn, IReadOnlyDictionary<string, WardCell> Kpis)
{
    public static WardRow From(UnitKpis ward) => new(
        ward.Unit,
        ward.Name,
        ward.NameEn,
        WardsTable.Columns.ToDictionary(id => id, id => WardCell.From(ward.Kpis[id])));
}

/// <summary>A headline KPI of one ward: the value (null when there is nothing to divide by) and its status.</summary>
public sealed record WardCell(double? Value, string Status)
{
    public static WardCell From(KpiFigure figure) => new(figure.Value, figure.Status);
}
