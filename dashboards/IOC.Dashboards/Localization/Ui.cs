using System.Globalization;
using IOC.Domain.Kpis;
using IOC.Domain.Units;

namespace IOC.Dashboards.Localization;

/// <summary>
/// The page language: Vietnamese first, English second. Texts, names and number formats all come from here so a page
/// never mixes languages or cultures (vi-VN: 1.234,5 and dd/MM/yyyy; English pages use en-GB).
/// </summary>
public sealed class Ui
{
    public const string CookieName = "ioc-lang";

    public static readonly Ui Vietnamese = new("vi", CultureInfo.GetCultureInfo("vi-VN"));

    public static readonly Ui English = new("en", CultureInfo.GetCultureInfo("en-GB"));

    private Ui(string lang, CultureInfo culture)
    {
        Lang = lang;
        Culture = culture;
    }

    public string Lang { get; }

    public CultureInfo Culture { get; }

    public bool IsEnglish => Lang == "en";

    /// <summary>The language named by a query string or cookie; anything else is Vietnamese.</summary>
    public static Ui For(string? lang) => string.Equals(lang, "en", StringComparison.OrdinalIgnoreCase) ? English : Vietnamese;

    public static bool IsKnown(string? lang) => lang is "vi" or "en";

    /// <summary>
    /// The deployment's head (its province, or the country in national mode) that pages name where IOC once wrote
    /// "Hà Nội"; null: Hanoi's words (a page rendered without the catalogue, as in component tests).
    /// </summary>
    public Unit? Head { get; private init; }

    /// <summary>The same language for a deployment whose head is <paramref name="head"/>.</summary>
    public Ui At(Unit head) => new(Lang, Culture) { Head = head };

    /// <summary>The head's full name: "Thành phố Hải Phòng", "Tỉnh Gia Lai", "Việt Nam"; in English "Hai Phong City".</summary>
    public string Place => Head is { } head ? Name(head) : this["app.city"];

    /// <summary>The head's name for a short title: "Hải Phòng", "Gia Lai"; "Hanoi" in English.</summary>
    public string PlaceShort => Head is { } head ? PlaceNames.Short(head, IsEnglish) : (IsEnglish ? "Hanoi" : "Hà Nội");

    /// <summary>The head as a whole, as a heading or a column says it: "Toàn thành phố", "Toàn tỉnh", "Cả nước".</summary>
    public string Whole => Head switch
    {
        { Level: UnitLevel.Country } => this["scope.country"],
        { Type: "tỉnh" } => this["scope.province"],
        _ => this["view.city"],
    };

    public string this[string key] => Strings.Get(key, IsEnglish);

    public string Format(string key, params object[] args) => string.Format(Culture, this[key], args);

    public string Name(Unit unit) => IsEnglish ? unit.NameEn : unit.Name;

    public string ShortName(Unit unit) => IsEnglish ? unit.ShortNameEn : unit.ShortName;

    public string Name(KpiDefinition kpi) => IsEnglish ? kpi.NameEn : kpi.NameVi;

    /// <summary>A KPI value as the tiles show it: rates as "95,3%", averages with one decimal, counts whole.</summary>
    public string Value(KpiKind kind, double? value) => value switch
    {
        null => "—",
        { } v when kind == KpiKind.Rate => Percent(v),
        { } v when kind == KpiKind.AverageSeconds => v.ToString("N1", Culture),
        { } v => v.ToString("N0", Culture),
    };

    /// <summary>One decimal, except whole numbers ("100%", "60%"), and never "100,0%" for 99.96.</summary>
    public string Percent(double value) =>
        (Math.Round(value, 1) % 1 == 0 ? Math.Round(value, 1).ToString("N0", Culture) : value.ToString("N1", Culture)) + "%";

    public string Count(long value) => value.ToString("N0", Culture);

    public string Time(DateTimeOffset at) => at.ToString("HH:mm:ss", Culture);

    public string Date(DateTimeOffset at) => at.ToString(IsEnglish ? "ddd d MMM yyyy" : "dddd, dd/MM/yyyy", Culture);

    /// <summary>Day and time of day: "05/07/2025 14:30" (vi) or "05/07/2025 14:30" (en-GB).</summary>
    public string DateTime(DateTimeOffset at) => at.ToString("dd/MM/yyyy HH:mm", Culture);

    public string ShortDate(DateOnly day) => day.ToString("dd/MM/yyyy", Culture);

    /// <summary>A change without its sign: points for rates ("2,5 điểm %"), the amount otherwise.</summary>
    public string Amount(KpiKind kind, double change) => kind == KpiKind.Rate
        ? Format("change.points", Math.Abs(change).ToString(Math.Round(change, 1) % 1 == 0 ? "N0" : "N1", Culture))
        : Math.Abs(change).ToString(kind == KpiKind.AverageSeconds ? "N1" : "N0", Culture);

    public string Status(string status) => this["status." + status];

    /// <summary>The target as a sentence fragment: "≥ 95%", "≤ 0".</summary>
    public string Target(KpiKind kind, string direction, double target) =>
        (direction == "<=" ? "≤ " : "≥ ") + (kind == KpiKind.Rate ? Percent(target) : target.ToString("N0", Culture));
}
