namespace IOC.Domain.Calendar;

/// <summary>What a day in the calendar file is: a public holiday (offices closed) or a make-up working day.</summary>
public enum CalendarDayKind
{
    /// <summary>A public holiday or a day off granted around one (Tết, 30/4–1/5, Quốc khánh…): not a working day.</summary>
    Holiday,

    /// <summary>A Saturday or Sunday worked to make up for a bridged day off (ngày làm bù): a working day.</summary>
    WorkDay,
}

/// <summary>One dated entry of seed-data/holidays.csv.</summary>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string NameVi, string NameEn);

/// <summary>
/// Which local days public offices work: Monday to Friday, except the public holidays and days off of the calendar,
/// plus the make-up days it names. The calendar is data (seed-data/holidays.csv), because the days off around Tết and
/// the national holidays are decided year by year.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly Dictionary<DateOnly, CalendarDay> _days;

    public WorkingCalendar(IEnumerable<CalendarDay> days)
    {
        Days = [.. days.OrderBy(d => d.Date)];
        _days = new Dictionary<DateOnly, CalendarDay>();
        foreach (var day in Days)
        {
            if (!_days.TryAdd(day.Date, day))
            {
                throw new InvalidDataException($"The calendar names {day.Date:yyyy-MM-dd} twice.");
            }
        }
    }

    /// <summary>Weekends only, no holiday: for tests and for a city without a calendar file.</summary>
    public static WorkingCalendar WeekendsOnly { get; } = new([]);

    public IReadOnlyList<CalendarDay> Days { get; }

    public bool IsWorkingDay(DateOnly day) => _days.TryGetValue(day, out var entry)
        ? entry.Kind == CalendarDayKind.WorkDay
        : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The holiday on that day, if any (its name for a page).</summary>
    public CalendarDay? Holiday(DateOnly day) => _days.TryGetValue(day, out var entry) && entry.Kind == CalendarDayKind.Holiday ? entry : null;

    /// <summary>Working and other days from <paramref name="first"/> to <paramref name="last"/>, both included (none when last &lt; first).</summary>
    public (int Working, int Off) Count(DateOnly first, DateOnly last)
    {
        int working = 0, off = 0;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                working++;
            }
            else
            {
                off++;
            }
        }

        return (working, off);
    }
}
