using System.Globalization;

namespace IOC.Dashboards.Models;

/// <summary>
/// Dates as a person types them on our pages: day first, as both page languages write them (vi-VN and en-GB are
/// dd/MM/yyyy), whatever the browser's locale. A browser's own date input would show its locale's order (month first
/// in a US browser) under a Vietnamese heading, so the pages use a text field with this format instead.
/// </summary>
public static class PageDate
{
    /// <summary>What the field shows and the hint says.</summary>
    public const string Pattern = "dd/MM/yyyy";

    /// <summary>The hint in the field: dd/mm/yyyy, read by people, not by .NET.</summary>
    public const string Hint = "dd/mm/yyyy";

    // Day first with any of the separators people type; ISO kept for links and bookmarks made before.
    private static readonly string[] Accepted =
    [
        "d/M/yyyy", "d.M.yyyy", "d-M-yyyy", "d M yyyy", "yyyy-MM-dd",
    ];

    public static string Format(DateOnly day) => day.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>The day typed, or null when the text is not a real day in one of the accepted forms.</summary>
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), Accepted, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>The same day as the API and the links name it (yyyy-MM-dd), or the text as typed when it is no day.</summary>
    public static string? ToIso(string? text) =>
        Parse(text) is { } day ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : text;
}
