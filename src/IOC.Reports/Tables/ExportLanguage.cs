using System.Globalization;

namespace IOC.Reports.Tables;

/// <summary>
/// The conventions of a download, chosen by its language (docs/exports.md). Vietnamese (the default) is what a
/// Vietnamese office's Excel or LibreOffice reads by double-click under Vietnamese regional settings: a semicolon
/// between fields, a decimal comma ("62,75"), dates day first ("21/11/2026 09:15", Hanoi time). English (lang=en)
/// keeps invariant formats any program and an English-settings spreadsheet reads: a comma between fields, a decimal
/// point, ISO dates ("2026-11-21 09:15"). Both are UTF-8 with a byte order mark, numbers without group separators.
/// </summary>
public sealed class ExportLanguage
{
    public static readonly ExportLanguage Vietnamese = new(
        "vi", ';', CultureInfo.GetCultureInfo("vi-VN"), "dd'/'MM'/'yyyy", "dd'/'MM'/'yyyy HH':'mm", "dd/mm/yyyy", "dd/mm/yyyy hh:mm");

    public static readonly ExportLanguage English = new(
        "en", ',', CultureInfo.InvariantCulture, "yyyy'-'MM'-'dd", "yyyy'-'MM'-'dd HH':'mm", "yyyy-mm-dd", "yyyy-mm-dd hh:mm");

    private ExportLanguage(string code, char separator, CultureInfo culture, string date, string dateTime, string excelDate, string excelDateTime)
    {
        Code = code;
        Separator = separator;
        Culture = culture;
        DateFormat = date;
        DateTimeFormat = dateTime;
        ExcelDateFormat = excelDate;
        ExcelDateTimeFormat = excelDateTime;
    }

    /// <summary>vi or en, as the <c>lang</c> query parameter names it.</summary>
    public string Code { get; }

    public bool IsEnglish => Code == "en";

    /// <summary>The CSV field separator.</summary>
    public char Separator { get; }

    /// <summary>Numbers in CSV: its decimal separator (no group separators are written).</summary>
    public CultureInfo Culture { get; }

    /// <summary>.NET formats of a day and of a time of day in the CSV (Hanoi time).</summary>
    public string DateFormat { get; }

    public string DateTimeFormat { get; }

    /// <summary>Excel number formats of date and date-time cells (the workbook stores real dates).</summary>
    public string ExcelDateFormat { get; }

    public string ExcelDateTimeFormat { get; }

    /// <summary>"-en" after an English file's name, nothing after a Vietnamese one's (as the review PDF's).</summary>
    public string FileSuffix => IsEnglish ? "-en" : "";

    /// <summary>The language a <c>lang</c> parameter names: vi (or nothing) or en; null for anything else.</summary>
    public static ExportLanguage? Parse(string? lang) => lang?.ToLowerInvariant() switch
    {
        null or "" or "vi" => Vietnamese,
        "en" => English,
        _ => null,
    };

    /// <summary>The word in this language.</summary>
    public string Pick(string vi, string en) => IsEnglish ? en : vi;
}
