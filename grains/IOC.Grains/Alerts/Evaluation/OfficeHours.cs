using System.Globalization;
using IOC.Domain.Calendar;
using IOC.Domain.Time;

namespace IOC.Grains.Alerts.Evaluation;

/// <summary>
/// When public offices work, in Hanoi time: the spans of a working day (by default 08:00–12:00 and 13:00–17:00) on the
/// working days of the calendar (weekdays less public holidays, plus make-up days).
/// </summary>
public sealed class OfficeHours(WorkingCalendar calendar, IReadOnlyList<(TimeOnly Start, TimeOnly End)> spans)
{
    public static readonly IReadOnlyList<(TimeOnly Start, TimeOnly End)> DefaultSpans = [(new(8, 0), new(12, 0)), (new(13, 0), new(17, 0))];

    public WorkingCalendar Calendar => calendar;

    public IReadOnlyList<(TimeOnly Start, TimeOnly End)> Spans => spans;

    /// <summary>Parses "08:00-12:00,13:00-17:00"; false (and the reason) when it is not such a list.</summary>
    public static bool TryParseSpans(string? text, out IReadOnlyList<(TimeOnly Start, TimeOnly End)> result, out string reason)
    {
        var list = new List<(TimeOnly, TimeOnly)>();
        result = list;
        reason = "";
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length != 2
                || !TimeOnly.TryParseExact(ends[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !TimeOnly.TryParseExact(ends[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
                || end <= start)
            {
                reason = $"'{part}' is not a span such as 08:00-12:00";
                return false;
            }

            if (list.Count > 0 && start < list[^1].Item2)
            {
                reason = $"'{part}' starts before the span before it ends";
                return false;
            }

            list.Add((start, end));
        }

        if (list.Count == 0)
        {
            reason = "no span given (such as 08:00-12:00,13:00-17:00)";
            return false;
        }

        return true;
    }

    public bool IsOpen(DateTimeOffset at)
    {
        var local = VietnamTime.ToLocal(at);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (!calendar.IsWorkingDay(day))
        {
            return false;
        }

        var time = TimeOnly.FromDateTime(local.DateTime);
        return spans.Any(s => time >= s.Start && time < s.End);
    }

    /// <summary>How much office time lies between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        var first = VietnamTime.LocalDate(from);
        var last = VietnamTime.LocalDate(to);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (!calendar.IsWorkingDay(day))
            {
                continue;
            }

            foreach (var (start, end) in spans)
            {
                var spanStart = VietnamTime.StartOfDay(day) + start.ToTimeSpan();
                var spanEnd = VietnamTime.StartOfDay(day) + end.ToTimeSpan();
                var overlap = Min(spanEnd, to) - Max(spanStart, from);
                if (overlap > TimeSpan.Zero)
                {
                    total += overlap;
                }
            }
        }

        return total;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
