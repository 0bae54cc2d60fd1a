using System.Globalization;
using IOC.Domain.Kpis;

namespace IOC.Charts;

/// <summary>The words and number formats a chart prints, in Vietnamese (vi-VN) or English (en-GB).</summary>
public sealed class ChartTexts
{
    public static readonly ChartTexts Vietnamese = new(false);

    public static readonly ChartTexts English = new(true);

    private ChartTexts(bool english)
    {
        IsEnglish = english;
        Culture = CultureInfo.GetCultureInfo(english ? "en-GB" : "vi-VN");
    }

    public bool IsEnglish { get; }

    public CultureInfo Culture { get; }

    public string NoData => IsEnglish ? "No data for this period" : "Chưa có số liệu trong kỳ này";

    public static ChartTexts For(bool english) => english ? English : Vietnamese;

    /// <summary>"Chỉ tiêu ≥ 95%" / "Target ≥ 95%".</summary>
    public string Target(ChartTarget target, KpiKind kind) =>
        $"{(IsEnglish ? "Target" : "Chỉ tiêu")} {(target.Direction == "<=" ? "≤" : "≥")} {Value(kind, target.Value)}";

    /// <summary>The vertical axis' name: what the numbers are.</summary>
    public string Axis(KpiKind kind) => kind switch
    {
        KpiKind.Rate => IsEnglish ? "Per cent" : "Tỷ lệ (%)",
        KpiKind.AverageSeconds => IsEnglish ? "Seconds" : "Giây",
        _ => IsEnglish ? "Number" : "Số lượng",
    };

    /// <summary>A value as the pages print it: "95,3%" / "95.3%", "1.234" / "1,234", "12,5 giây" / "12.5 s".</summary>
    public string Value(KpiKind kind, double value) => kind switch
    {
        KpiKind.Rate => value.ToString("0.#", Culture) + "%",
        KpiKind.AverageSeconds => value.ToString("0.#", Culture) + (IsEnglish ? " s" : " giây"),
        _ => value.ToString("N0", Culture),
    };

    /// <summary>A tick of the time axis for the given step; hours over several days carry their date.</summary>
    public string Time(DateTime at, ChartStep step, bool severalDays = false) => step switch
    {
        ChartStep.Minutes or ChartStep.Hours => at.ToString(severalDays ? "dd/MM HH:mm" : "HH:mm", Culture),
        ChartStep.Months => at.ToString("MM/yyyy", Culture),
        _ => at.ToString("dd/MM", Culture),
    };
}
