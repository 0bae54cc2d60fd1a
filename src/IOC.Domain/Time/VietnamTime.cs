namespace IOC.Domain.Time;

/// <summary>
/// Vietnam keeps UTC+7 all year (no daylight saving), so local days, months and years
/// are plain arithmetic on a fixed offset; no time-zone database is needed.
/// </summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    private static readonly long OffsetTicks = Offset.Ticks;

    public static DateTimeOffset ToLocal(DateTimeOffset at) => at.ToOffset(Offset);

    public static DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    /// <summary>Minutes since 0001-01-01 local time: the key of a minute bucket.</summary>
    public static long MinuteKey(DateTimeOffset at) => (at.UtcTicks + OffsetTicks) / TimeSpan.TicksPerMinute;

    /// <summary>Days since 0001-01-01 local time: the key of a day bucket (same as <see cref="DateOnly.DayNumber"/>).</summary>
    public static int DayKey(DateTimeOffset at) => (int)((at.UtcTicks + OffsetTicks) / TimeSpan.TicksPerDay);

    public static int DayKeyOfMinute(long minuteKey) => (int)(minuteKey / (24 * 60));

    public static DateTimeOffset StartOfMinute(long minuteKey) =>
        new DateTimeOffset(minuteKey * TimeSpan.TicksPerMinute, Offset);

    public static DateTimeOffset StartOfDay(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Offset);
}
