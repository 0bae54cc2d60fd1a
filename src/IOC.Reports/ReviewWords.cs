using System.Globalization;
using System.Text;
using IOC.Domain.Targets;
using IOC.Domain.Units;
using IOC.Review.Periods;
using IOC.Review.Reports;

namespace IOC.Reports;

/// <summary>
/// The words and number formats the printable review and its workbook share, in Vietnamese (vi-VN: "81,5%",
/// "1.234") or English; the fixed terms they share with the page are <see cref="ReviewTerms"/>. Every string leaves
/// here NFC-composed, so each Vietnamese letter is one glyph of the font.
/// </summary>
public sealed class ReviewWords
{
    public static readonly ReviewWords Vietnamese = new(CultureInfo.GetCultureInfo("vi-VN"), english: false);
    public static readonly ReviewWords English = new(CultureInfo.GetCultureInfo("en-GB"), english: true);

    private ReviewWords(CultureInfo culture, bool english)
    {
        Culture = culture;
        IsEnglish = english;
    }

    public CultureInfo Culture { get; }

    public bool IsEnglish { get; }

    public static ReviewWords For(bool english) => english ? English : Vietnamese;

    public string Status(KpiStatus status) => Nfc((status, IsEnglish) switch
    {
        (KpiStatus.Met, false) => "Đạt",
        (KpiStatus.Near, false) => "Gần đạt",
        (KpiStatus.Missed, false) => "Chưa đạt",
        (_, false) => "Chưa có dữ liệu",
        (KpiStatus.Met, true) => "Met",
        (KpiStatus.Near, true) => "Near",
        (KpiStatus.Missed, true) => "Missed",
        _ => "No data",
    });

    /// <summary>A percentage with at most one decimal: "81,5%" (vi) or "81.5%" (en); a dash without a value.</summary>
    public string Percent(double? value) => value is { } v ? v.ToString("0.#", Culture) + "%" : "—";

    /// <summary>A whole or fractional count with group separators: "1.234" (vi), "1,234" (en).</summary>
    public string Count(double value) => value.ToString(value == Math.Floor(value) ? "N0" : "N1", Culture);

    public string Target(Commitment c) => (c.Direction == TargetDirection.AtLeast ? "≥ " : "≤ ") + Percent(c.Value);

    public string Gap(CommitmentReview review) => Nfc(IsEnglish ? review.GapEn : review.GapVi);

    public string Wording(Commitment c) => Nfc(IsEnglish ? c.WordingEn : c.WordingVi);

    /// <summary>The agency's full official name (the short names are for wallboard tiles).</summary>
    public string Name(Unit agency) => Nfc(IsEnglish ? agency.NameEn : agency.Name);

    public string Period(ReviewPeriod period) => Nfc(period.Label(IsEnglish));

    /// <summary>A date as the reader writes it: 21/11/2026 in both languages (the report is Hanoi's).</summary>
    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at) => at.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Composed form: "ệ" as U+1EC7, never "e" + two combining marks the font may not place.</summary>
    public static string Nfc(string text) => text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
}
