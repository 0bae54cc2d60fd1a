using System.Globalization;
using IOC.Domain.Time;

namespace IOC.Review.Periods;

public enum PeriodKind
{
    Month,
    Quarter,
    Year,
    Custom,
}

/// <summary>
/// The period a review covers: whole local days, <see cref="FirstDay"/> to <see cref="LastDay"/> inclusive. Named on
/// the wire as period=month&amp;value=2026-11, period=quarter&amp;value=2026-Q4, period=year&amp;value=2026 or
/// period=custom&amp;from=2026-11-01&amp;to=2026-11-21 (to inclusive), so a page, its links and its exports name the
/// same dates.
/// </summary>
public sealed record ReviewPeriod(PeriodKind Kind, DateOnly FirstDay, DateOnly LastDay)
{
    /// <summary>The longest custom period: a year and a day, so a leap year fits.</summary>
    public const int MaxDays = 366;

    public static readonly string[] Kinds = ["month", "quarter", "year", "custom"];

    public int Days => LastDay.DayNumber - FirstDay.DayNumber + 1;

    public DateTimeOffset From => VietnamTime.StartOfDay(FirstDay);

    /// <summary>Exclusive: midnight after the last day.</summary>
    public DateTimeOffset To => VietnamTime.StartOfDay(LastDay.AddDays(1));

    public string KindWire => Kinds[(int)Kind];

    /// <summary>The value parameter: 2026-11, 2026-Q4, 2026; empty for a custom period.</summary>
    public string Value => Kind switch
    {
        PeriodKind.Month => FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => $"{FirstDay.Year}-Q{((FirstDay.Month - 1) / 3) + 1}",
        PeriodKind.Year => FirstDay.Year.ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    /// <summary>The query string naming this period (without '?').</summary>
    public string Query => Kind == PeriodKind.Custom
        ? $"period=custom&from={Iso(FirstDay)}&to={Iso(LastDay)}"
        : $"period={KindWire}&value={Value}";

    /// <summary>Trend points: one per day up to a quarter, one per month beyond (a year of daily rates is noise).</summary>
    public bool MonthlyTrend => Days > 92;

    public bool Contains(DateOnly day) => day >= FirstDay && day <= LastDay;

    public static ReviewPeriod MonthOf(DateOnly day) => Month(day.Year, day.Month);

    public static ReviewPeriod Month(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return new ReviewPeriod(PeriodKind.Month, first, first.AddMonths(1).AddDays(-1));
    }

    public static ReviewPeriod Quarter(int year, int quarter)
    {
        var first = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
        return new ReviewPeriod(PeriodKind.Quarter, first, first.AddMonths(3).AddDays(-1));
    }

    public static ReviewPeriod Year(int year) => new(PeriodKind.Year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    /// <summary>The same kind of period just before (custom: the same number of days before).</summary>
    public ReviewPeriod Previous() => Kind switch
    {
        PeriodKind.Month => MonthOf(FirstDay.AddMonths(-1)),
        PeriodKind.Quarter => Quarter(FirstDay.AddMonths(-3).Year, ((FirstDay.AddMonths(-3).Month - 1) / 3) + 1),
        PeriodKind.Year => Year(FirstDay.Year - 1),
        _ => new ReviewPeriod(PeriodKind.Custom, FirstDay.AddDays(-Days), FirstDay.AddDays(-1)),
    };

    public ReviewPeriod Next() => Kind switch
    {
        PeriodKind.Month => MonthOf(FirstDay.AddMonths(1)),
        PeriodKind.Quarter => Quarter(FirstDay.AddMonths(3).Year, ((FirstDay.AddMonths(3).Month - 1) / 3) + 1),
        PeriodKind.Year => Year(FirstDay.Year + 1),
        _ => new ReviewPeriod(PeriodKind.Custom, LastDay.AddDays(1), LastDay.AddDays(Days)),
    };

    /// <summary>"Tháng 11/2026", "Quý IV/2026", "Năm 2026", "01/11/2026 – 21/11/2026".</summary>
    public string LabelVi => Kind switch
    {
        PeriodKind.Month => $"Tháng {FirstDay.Month}/{FirstDay.Year}",
        PeriodKind.Quarter => $"Quý {Roman(FirstDay)}/{FirstDay.Year}",
        PeriodKind.Year => $"Năm {FirstDay.Year}",
        _ => $"{FirstDay:dd/MM/yyyy} – {LastDay:dd/MM/yyyy}",
    };

    /// <summary>"November 2026", "Q4 2026", "2026", "1 Nov 2026 – 21 Nov 2026".</summary>
    public string LabelEn => Kind switch
    {
        PeriodKind.Month => FirstDay.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => $"Q{((FirstDay.Month - 1) / 3) + 1} {FirstDay.Year}",
        PeriodKind.Year => FirstDay.Year.ToString(CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"{FirstDay:d MMM yyyy} – {LastDay:d MMM yyyy}"),
    };

    public string Label(bool english) => english ? LabelEn : LabelVi;

    /// <summary>
    /// The period a query string names. Missing parameters give the month containing <paramref name="today"/>; a
    /// parameter that is present but wrong is an error naming it (the API answers 400 with it, the page shows it).
    /// </summary>
    public static bool TryParse(string? period, string? value, string? from, string? to, DateOnly today, out ReviewPeriod result, out PeriodError? error)
    {
        result = MonthOf(today);
        error = null;
        switch (period)
        {
            case null or "":
                return true;
            case "month":
                return Parsed(value, "yyyy-MM, e.g. 2026-11", ParseMonth, ref result, out error);
            case "quarter":
                return Parsed(value, "yyyy-Qn, e.g. 2026-Q4", ParseQuarter, ref result, out error);
            case "year":
                return Parsed(value, "a year, e.g. 2026", ParseYear, ref result, out error);
            case "custom":
                return ParseCustom(from, to, ref result, out error);
            default:
                error = new PeriodError("period", "must be month, quarter, year or custom");
                return false;
        }
    }

    private static bool Parsed(string? value, string expected, Func<string, ReviewPeriod?> parse, ref ReviewPeriod result, out PeriodError? error)
    {
        if (string.IsNullOrEmpty(value))
        {
            error = new PeriodError("value", $"is required: {expected}");
            return false;
        }

        if (parse(value) is not { } parsed)
        {
            error = new PeriodError("value", $"'{value}' is not {expected}");
            return false;
        }

        result = parsed;
        error = null;
        return true;
    }

    private static ReviewPeriod? ParseMonth(string text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? MonthOf(day) : null;

    private static ReviewPeriod? ParseQuarter(string text) =>
        text.Length == 7 && text[4] == '-' && (text[5] is 'Q' or 'q') && text[6] is >= '1' and <= '4' && ParseYear(text[..4]) is { } year
            ? Quarter(year.FirstDay.Year, text[6] - '0')
            : null;

    private static ReviewPeriod? ParseYear(string text) =>
        text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 2000 ? Year(year) : null;

    private static bool ParseCustom(string? from, string? to, ref ReviewPeriod result, out PeriodError? error)
    {
        if (Date(from) is not { } first)
        {
            error = new PeriodError("from", string.IsNullOrEmpty(from) ? "is required for a custom period (yyyy-MM-dd)" : $"'{from}' is not a date (yyyy-MM-dd)");
            return false;
        }

        if (Date(to) is not { } last)
        {
            error = new PeriodError("to", string.IsNullOrEmpty(to) ? "is required for a custom period (yyyy-MM-dd, inclusive)" : $"'{to}' is not a date (yyyy-MM-dd)");
            return false;
        }

        if (last < first)
        {
            error = new PeriodError("to", "must not be before from");
            return false;
        }

        if (last.DayNumber - first.DayNumber >= MaxDays)
        {
            error = new PeriodError("to", $"a custom period is at most {MaxDays} days");
            return false;
        }

        result = new ReviewPeriod(PeriodKind.Custom, first, last);
        error = null;
        return true;
    }

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Roman(DateOnly first) => ((first.Month - 1) / 3) switch { 0 => "I", 1 => "II", 2 => "III", _ => "IV" };
}

/// <summary>A query parameter that does not name a period, and why.</summary>
public sealed record PeriodError(string Field, string Reason)
{
    public override string ToString() => $"{Field}: {Reason}";
}
