using System.Globalization;
using IOC.Domain.Time;

namespace IOC.Review.Briefing;

public enum BriefingKind
{
    Day,
    Week,
    Month,
}

/// <summary>
/// The stretch a briefing covers: a local day, a week (Monday to Sunday) or a calendar month holding
/// <see cref="Anchor"/>. Named on the wire as period=day|week|month&amp;date=2026-11-20.
/// </summary>
public sealed record BriefingPeriod(BriefingKind Kind, DateOnly FirstDay, DateOnly LastDay)
{
    public static readonly string[] Kinds = ["day", "week", "month"];

    public DateTimeOffset From => VietnamTime.StartOfDay(FirstDay);

    /// <summary>Exclusive: midnight after the last day.</summary>
    public DateTimeOffset To => VietnamTime.StartOfDay(LastDay.AddDays(1));

    public string KindWire => Kinds[(int)Kind];

    /// <summary>A day is charted per hour; a week or a month per day.</summary>
    public string Step => Kind == BriefingKind.Day ? "1h" : "1d";

    public static BriefingPeriod Of(BriefingKind kind, DateOnly date) => kind switch
    {
        BriefingKind.Day => new(kind, date, date),
        BriefingKind.Week => new(kind, date.AddDays(-(((int)date.DayOfWeek + 6) % 7)), date.AddDays(6 - (((int)date.DayOfWeek + 6) % 7))),
        _ => new(kind, new DateOnly(date.Year, date.Month, 1), new DateOnly(date.Year, date.Month, 1).AddMonths(1).AddDays(-1)),
    };

    /// <summary>period (day by default) and date (today by default); a bad one is named with the reason.</summary>
    public static bool TryParse(string? period, string? date, DateOnly today, out BriefingPeriod parsed, out (string Field, string Reason)? error)
    {
        parsed = Of(BriefingKind.Day, today);
        error = null;
        var kind = Array.IndexOf(Kinds, string.IsNullOrEmpty(period) ? "day" : period.ToLowerInvariant());
        if (kind < 0)
        {
            error = ("period", $"period '{period}' is not one of day, week, month");
            return false;
        }

        var day = today;
        if (!string.IsNullOrEmpty(date) && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            error = ("date", $"date '{date}' is not a date like 2026-11-20");
            return false;
        }

        if (day > today)
        {
            error = ("date", $"date {date} is after today ({today:yyyy-MM-dd}): a briefing reports what happened");
            return false;
        }

        parsed = Of((BriefingKind)kind, day);
        return true;
    }

    /// <summary>"Ngày 20/11/2026", "Tuần 16/11 – 22/11/2026", "Tháng 11/2026" (or in English).</summary>
    public string Label(bool english)
    {
        var culture = CultureInfo.GetCultureInfo(english ? "en-GB" : "vi-VN");
        return (Kind, english) switch
        {
            (BriefingKind.Day, false) => $"Ngày {FirstDay.ToString("dd/MM/yyyy", culture)}",
            (BriefingKind.Day, true) => FirstDay.ToString("dddd d MMMM yyyy", culture),
            (BriefingKind.Week, false) => $"Tuần {FirstDay.ToString("dd/MM", culture)} – {LastDay.ToString("dd/MM/yyyy", culture)}",
            (BriefingKind.Week, true) => $"Week {FirstDay.ToString("d MMM", culture)} – {LastDay.ToString("d MMM yyyy", culture)}",
            (_, false) => $"Tháng {FirstDay.ToString("MM/yyyy", culture)}",
            _ => FirstDay.ToString("MMMM yyyy", culture),
        };
    }
}
