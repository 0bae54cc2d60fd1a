using IOC.Domain.Time;

namespace IOC.Ingestion.Simulation;

/// <summary>
/// How busy the city is at a given Vietnam-local minute, relative to its weekly mean (mean over a week = 1).
/// Assumptions: one-stop desks open 7:30–11:30 and 13:30–17:00 Monday to Friday and on Saturday morning
/// (many Hanoi wards do), the morning session is the busiest; at lunch, in the evening, at night and on Sunday
/// only the online portal and the hotline see traffic. Public holidays are not modelled.
/// </summary>
internal static class TrafficProfile
{
    private const int MinutesPerWeek = 7 * 24 * 60;

    /// <summary>Raw weights per minute of the week, Monday 00:00 first.</summary>
    private static readonly double[] Raw = BuildWeek();

    private static readonly double WeeklyMean = Raw.Average();

    /// <summary>The highest relative rate (weekday morning): the ceiling used to thin a constant-rate process.</summary>
    public static readonly double Peak = Raw.Max() / WeeklyMean;

    /// <summary>Relative rate at <paramref name="utcTicks"/>; its mean over a week is 1.</summary>
    public static double Rate(long utcTicks) => Raw[MinuteOfWeek(utcTicks)] / WeeklyMean;

    /// <summary>0 (quiet) to 1 (the busiest hour): drives hotline queueing.</summary>
    public static double Load(long utcTicks) => Rate(utcTicks) / Peak;

    /// <summary>Desks are open: in-person and postal work, completions and agency documents happen now.</summary>
    public static bool OfficeOpen(long utcTicks)
    {
        var minute = MinuteOfWeek(utcTicks);
        var day = minute / (24 * 60);
        var ofDay = minute % (24 * 60);
        var morning = ofDay is >= (7 * 60) + 30 and < (11 * 60) + 30;
        var afternoon = ofDay is >= (13 * 60) + 30 and < 17 * 60;
        return day switch
        {
            < 5 => morning || afternoon,
            5 => morning,
            _ => false,
        };
    }

    /// <summary>Mean relative rate over one local day (a weekday is above 1, Sunday far below).</summary>
    public static double DayMean(DateOnly localDate)
    {
        var start = VietnamTime.StartOfDay(localDate).UtcTicks;
        var sum = 0.0;
        for (var m = 0; m < 24 * 60; m++)
        {
            sum += Rate(start + (m * TimeSpan.TicksPerMinute));
        }

        return sum / (24 * 60);
    }

    private static int MinuteOfWeek(long utcTicks)
    {
        var localMinutes = (utcTicks + VietnamTime.Offset.Ticks) / TimeSpan.TicksPerMinute;

        // 0001-01-01 was a Monday, so minute 0 of the tick epoch is Monday 00:00.
        return (int)(localMinutes % MinutesPerWeek);
    }

    private static double[] BuildWeek()
    {
        var week = new double[MinutesPerWeek];
        for (var m = 0; m < MinutesPerWeek; m++)
        {
            var day = m / (24 * 60);
            var hour = m % (24 * 60) / 60.0;
            week[m] = day switch
            {
                < 5 => hour switch
                {
                    >= 7.5 and < 11.5 => 3.0,
                    >= 13.5 and < 17 => 2.6,
                    >= 11.5 and < 13.5 => 0.6,
                    >= 6 and < 22 => 0.35,
                    _ => 0.06,
                },
                5 => hour switch
                {
                    >= 7.5 and < 11.5 => 1.3,
                    >= 6 and < 22 => 0.25,
                    _ => 0.06,
                },
                _ => hour is >= 7 and < 22 ? 0.2 : 0.06,
            };
        }

        return week;
    }
}
