using System.Globalization;
using IOC.Domain.Time;
using IOC.History.Reading;

namespace IOC.Dashboards.Models;

/// <summary>
/// The range the ward page shows: whole local days, <see cref="FirstDay"/> to <see cref="LastDay"/> inclusive, so
/// the page, its links and its export links all name the same dates (the API reads a date as local midnight).
/// </summary>
public sealed record WardRange(string Key, DateOnly FirstDay, DateOnly LastDay)
{
    public static readonly string[] Presets = ["today", "7d", "30d", "90d"];

    /// <summary>The longest custom range: the hour buckets are kept 90 days, and a day chart stays readable.</summary>
    public const int MaxDays = 366;

    public int Days => LastDay.DayNumber - FirstDay.DayNumber + 1;

    public DateTimeOffset From => VietnamTime.StartOfDay(FirstDay);

    /// <summary>Exclusive: midnight after the last day.</summary>
    public DateTimeOffset To => VietnamTime.StartOfDay(LastDay.AddDays(1));

    /// <summary>The API's from/to for this range.</summary>
    public string FromParameter => FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string ToParameter => LastDay.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>5 minutes for today, hours up to a week, days beyond.</summary>
    public HistoryStep Step => Key == "today" ? HistoryStep.FiveMinutes : Days <= 7 ? HistoryStep.Hour : HistoryStep.Day;

    /// <summary>
    /// The range named by the query string: a preset (default today) or custom from/to dates, inclusive, as typed on the
    /// page (dd/mm/yyyy) or as links name them (yyyy-MM-dd). A custom range that does not parse, is reversed or too
    /// long falls back to today, and <see cref="Problem"/> says why.
    /// </summary>
    public static WardRange Parse(string? range, string? from, string? to, DateOnly today)
    {
        switch (range)
        {
            case "7d": return Last(range, 7, today);
            case "30d": return Last(range, 30, today);
            case "90d": return Last(range, 90, today);
            case "custom" when Date(from) is { } first && Date(to) is { } last && first <= last && last.DayNumber - first.DayNumber < MaxDays:
                return new WardRange("custom", first, last);
            default: return new WardRange("today", today, today);
        }
    }

    /// <summary>What is wrong with a custom range, naming the field; null when it is fine or not custom.</summary>
    public static RangeProblem? Problem(string? range, string? from, string? to)
    {
        if (range != "custom")
        {
            return null;
        }

        if (Date(from) is not { } first)
        {
            return new RangeProblem("from", string.IsNullOrWhiteSpace(from) ? "date.missing" : "date.invalid", from);
        }

        if (Date(to) is not { } last)
        {
            return new RangeProblem("to", string.IsNullOrWhiteSpace(to) ? "date.missing" : "date.invalid", to);
        }

        return last < first ? new RangeProblem("to", "date.reversed", to)
            : last.DayNumber - first.DayNumber >= MaxDays ? new RangeProblem("to", "date.toolong", to)
            : null;
    }

    private static WardRange Last(string key, int days, DateOnly today) => new(key, today.AddDays(1 - days), today);

    private static DateOnly? Date(string? text) => PageDate.Parse(text);
}

/// <summary>A custom range that cannot be shown: the field ("from", "to"), a text key saying why, and what was typed.</summary>
public sealed record RangeProblem(string Field, string Reason, string? Text);
