using System.Globalization;
using IOC.Domain.Time;

namespace IOC.Reports.Tables;

/// <summary>How a cell reads as text in a language (the CSV's fields, the workbook's column widths).</summary>
internal static class ExportCells
{
    /// <summary>The .NET format of numbers and percentages: at most two decimals, no group separator.</summary>
    public const string NumberFormat = "0.##";

    /// <summary>A percentage in percent with a literal "%" after it ("62,75%"): no multiplication by 100.</summary>
    public const string PercentFormat = "0.##'%'";

    /// <summary>
    /// The first characters that make a spreadsheet take text for a formula (OWASP, "CSV Injection"): =, +, -, @,
    /// tab and carriage return. Text starting with one is neutralised in both formats.
    /// </summary>
    public static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static bool LooksLikeFormula(string text) => text.Length > 0 && FormulaStarts.Contains(text[0]);

    public static string? Text(object? cell, ExportLanguage language) => cell switch
    {
        null => null,
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(NumberFormat, language.Culture),
        Percent p => p.Value.ToString(PercentFormat, language.Culture),
        DateOnly day => day.ToString(language.DateFormat, CultureInfo.InvariantCulture),
        DateTimeOffset at => Local(at).ToString(language.DateTimeFormat, CultureInfo.InvariantCulture),
        _ => throw Unknown(cell),
    };

    /// <summary>The time of day in Hanoi, as every export writes times.</summary>
    public static DateTime Local(DateTimeOffset at) => VietnamTime.ToLocal(at).DateTime;

    public static ArgumentException Unknown(object cell) =>
        new($"An export cell of type {cell.GetType().Name} has no format; use text, a count, a number, a Percent, a DateOnly or a DateTimeOffset.", nameof(cell));
}
