using System.Globalization;
using IOC.History.Queries;

namespace IOC.Reports.Briefing;

/// <summary>The briefing's words and number formats, in Vietnamese (vi-VN) or English (en-GB).</summary>
internal sealed class BriefingTexts
{
    public static readonly BriefingTexts Vietnamese = new(false, null);

    public static readonly BriefingTexts English = new(true, null);

    private readonly IOC.Domain.Units.Unit? _issuer;

    private BriefingTexts(bool english, IOC.Domain.Units.Unit? issuer)
    {
        IsEnglish = english;
        Culture = CultureInfo.GetCultureInfo(english ? "en-GB" : "vi-VN");
        _issuer = issuer;
    }

    public bool IsEnglish { get; }

    public CultureInfo Culture { get; }

    public static BriefingTexts For(bool english) => english ? English : Vietnamese;

    /// <summary>The words of a deployment: its province (or the country) issues the briefing, not Hanoi.</summary>
    public static BriefingTexts For(bool english, IOC.Domain.Units.Unit? issuer) => issuer is null ? For(english) : new(english, issuer);

    public string Issuer => _issuer is { } issuer
        ? T($"{issuer.Name} · Trung tâm điều hành thông minh (IOC)", $"{issuer.NameEn} · Smart Operations Centre (IOC)")
        : T("Thành phố Hà Nội · Trung tâm điều hành thông minh (IOC)", "Hanoi · Smart Operations Centre (IOC)");

    public string Title => T("Bản tin điều hành", "Operations briefing");

    public string AsOf => T("Số liệu đến", "Figures as of");

    public string Running => T(
        "Kỳ đang diễn ra: so sánh với kỳ trước tính đến cùng thời điểm.",
        "The period is still running: compared with the previous period up to the same point.");

    public string KpisHeading => T("Chỉ số chính so với chỉ tiêu", "Headline KPIs against their targets");

    public string KpiColumn => T("Chỉ số", "KPI");

    public string ValueColumn => T("Kết quả", "Value");

    public string TargetColumn => T("Chỉ tiêu", "Target");

    public string StatusColumn => T("Đánh giá", "Status");

    public string ChangeColumn => T("So với kỳ trước", "Against the previous period");

    public string NoTargets => T("Đơn vị chưa có chỉ tiêu nào.", "This unit has no targets.");

    public string OpenHeading => T("Việc đang tồn đọng (hiện tại)", "Open work (now)");

    public string ChartsHeading => T("Diễn biến trong kỳ", "Over the period");

    public string WeakestHeading => T("Năm phường, xã yếu nhất", "The five weakest wards");

    public string WardColumn => T("Phường, xã", "Ward");

    public string RankColumn => T("Hạng", "Rank");

    public string Footer => _issuer is { } issuer
        ? T($"IOC {IOC.Domain.Units.PlaceNames.Short(issuer, false)} · Bản tin điều hành", $"IOC {IOC.Domain.Units.PlaceNames.Short(issuer, true)} · Operations briefing")
        : T("IOC Hà Nội · Bản tin điều hành", "IOC Hanoi · Operations briefing");

    public string Name(KpiSummary k) => IsEnglish ? k.NameEn : k.NameVi;

    public string WeakestNote(string kpiName, int withoutData) => IsEnglish
        ? $"Ranked on {kpiName.ToLowerInvariant()} over the period, weakest first; ties: more dossiers first. {withoutData} wards had nothing to rank."
        : $"Xếp theo {kpiName.ToLowerInvariant()} trong kỳ, yếu nhất trước; bằng nhau thì phường, xã nhiều hồ sơ hơn đứng trước. {withoutData} phường, xã chưa có số liệu.";

    /// <summary>✔ Đạt, ◐ Gần đạt, ✖ Chưa đạt, – Chưa có dữ liệu: an icon and words, never colour alone.</summary>
    public (string Icon, string Words) Status(string status) => status switch
    {
        "met" => ("✔", T("Đạt", "Met")),
        "near" => ("◐", T("Gần đạt", "Near")),
        "missed" => ("✖", T("Chưa đạt", "Missed")),
        _ => ("–", T("Chưa có dữ liệu", "No data")),
    };

    public string Value(string kind, double? value) => value is not { } v ? "—" : kind switch
    {
        "Rate" => v.ToString("0.#", Culture) + "%",
        "AverageSeconds" => v.ToString("0.#", Culture) + T(" giây", " s"),
        _ => v.ToString("N0", Culture),
    };

    public string Target(TargetRef target, string kind) => $"{(target.Direction == "<=" ? "≤" : "≥")} {Value(kind, target.Value)}";

    /// <summary>"▲ Tăng 2,5 điểm %, tốt hơn" / "▼ Down 300" / "Kỳ trước chưa có số liệu".</summary>
    public string Change(KpiSummary k)
    {
        if (k.Change is not { } change || k.Previous?.Value is null)
        {
            return T("Kỳ trước chưa có số liệu", "No figure for the previous period");
        }

        if (change == 0)
        {
            return T("Không đổi", "Unchanged");
        }

        var amount = Math.Abs(change);
        var size = k.Kind == "Rate" ? T($"{amount.ToString("0.#", Culture)} điểm %", $"{amount.ToString("0.#", Culture)} pts") : Value(k.Kind, amount);
        var words = change > 0 ? T($"▲ Tăng {size}", $"▲ Up {size}") : T($"▼ Giảm {size}", $"▼ Down {size}");
        if (k.Target is null)
        {
            return words;
        }

        var better = (change > 0) == (k.Target.Direction != "<=");
        return words + (better ? T(", tốt hơn", ", better") : T(", kém hơn", ", worse"));
    }

    private string T(string vi, string en) => IsEnglish ? en : vi;
}
