using IOC.Reports.Tables;

namespace IOC.Reports.Tests.Tables;

/// <summary>
/// A table as the exports build them, whose free text (a unit's name, a procedure's name, a note: what operators and
/// producers write) starts with every character OWASP lists as a formula start, beside figures of every kind.
/// </summary>
internal static class HostileTable
{
    public const string Hyperlink = "=HYPERLINK(\"http://evil\",\"x\")";

    /// <summary>One text per formula start: =, +, -, @, tab, carriage return.</summary>
    public static readonly string[] FormulaTexts = [Hyperlink, "+1+1", "-2+3", "@SUM(1,2)", "\t=1+1", "\r=1+1"];

    /// <summary>08:15 in Hanoi on 21 November 2026, given in UTC.</summary>
    public static readonly DateTimeOffset Received = new(2026, 11, 21, 1, 15, 0, TimeSpan.Zero);

    public static ExportTable Build() => new(
        "Bảng",
        ["Tên", "Mã", "Số lượng", "Thay đổi", "Tỷ lệ", "Ngày", "Tiếp nhận"],
        [
            ["Phường Cửa Nam", "00082", 1234L, -3.5, new Percent(62.75), new DateOnly(2026, 11, 1), Received],
            .. FormulaTexts.Select((text, i) => new object?[] { text, "1.001612", (long)i, -0.25, new Percent(-2.5), null, null }),
        ]);

    /// <summary>What a reader must see for a hostile text: the text itself, after OWASP's apostrophe if any.</summary>
    public static string Literal(string shown) => shown.StartsWith('\'') ? shown[1..] : shown;
}
