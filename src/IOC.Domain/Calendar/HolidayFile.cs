using System.Globalization;
using CsvHelper;

namespace IOC.Domain.Calendar;

/// <summary>
/// Reads seed-data/holidays.csv (<c>date,kind,name_vi,name_en</c>; kind <c>holiday</c> or <c>workday</c>). A bad row
/// stops the start naming the file, line and field, as every seed file does.
/// </summary>
public static class HolidayFile
{
    public const string FileName = "holidays.csv";

    /// <summary>The calendar of <paramref name="directory"/>; weekends only when the file is absent.</summary>
    public static WorkingCalendar Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return WorkingCalendar.WeekendsOnly;
        }

        var days = new List<CalendarDay>();
        var seen = new HashSet<DateOnly>();
        using var reader = CsvReader.FromFile(path, new CsvReaderOptions { TrackLineNumbers = true });
        while (reader.Read())
        {
            var line = reader.LineNumber;
            string Field(string column)
            {
                if (!reader.TryGetFieldIndex(column, out var index))
                {
                    throw new InvalidDataException($"{FileName}: missing column '{column}'.");
                }

                var value = reader.GetString(index).Trim();
                return value.Length > 0 ? value : throw Error(line, column, "is empty");
            }

            var dateText = Field("date");
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw Error(line, "date", $"'{dateText}' is not a date (yyyy-MM-dd)");
            }

            var kind = Field("kind") switch
            {
                "holiday" => CalendarDayKind.Holiday,
                "workday" => CalendarDayKind.WorkDay,
                var other => throw Error(line, "kind", $"'{other}' is not 'holiday' or 'workday'"),
            };
            if (kind == CalendarDayKind.WorkDay && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                throw Error(line, "kind", $"{dateText} is a weekday: only a Saturday or Sunday can be a make-up working day");
            }

            if (!seen.Add(date))
            {
                throw Error(line, "date", $"{dateText} is listed twice");
            }

            days.Add(new CalendarDay(date, kind, Field("name_vi"), Field("name_en")));
        }

        return new WorkingCalendar(days);
    }

    private static InvalidDataException Error(long line, string field, string reason) =>
        new($"{FileName} line {line}, field '{field}': {reason}.");
}
