namespace IOC.Domain.Nowcast;

/// <summary>The end the nowcast looks to: this month's last day, or this year's.</summary>
public enum NowcastHorizon
{
    Month,
    Year,
}

/// <summary>A period the nowcast projects to its end: its first and last local day.</summary>
public readonly record struct NowcastPeriod(NowcastHorizon Horizon, DateOnly First, DateOnly Last)
{
    public static NowcastPeriod Of(NowcastHorizon horizon, DateOnly today) => horizon == NowcastHorizon.Month
        ? new(horizon, new DateOnly(today.Year, today.Month, 1), new DateOnly(today.Year, today.Month, DateTime.DaysInMonth(today.Year, today.Month)))
        : new(horizon, new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31));

    /// <summary>
    /// The horizons of a target's period: a monthly target looks to the month's end; a yearly one to the year's end and,
    /// since every month is judged against it too (the wallboard's month to date, the monthly review), to the month's.
    /// Other periods (a day) have none.
    /// </summary>
    public static IReadOnlyList<NowcastHorizon> For(string targetPeriod) => targetPeriod switch
    {
        "month" => [NowcastHorizon.Month],
        "year" => [NowcastHorizon.Month, NowcastHorizon.Year],
        _ => [],
    };

    /// <summary>"tháng 12" or "năm 2026": what "để đạt 20% trong …" ends with.</summary>
    public string LabelVi => Horizon == NowcastHorizon.Month ? $"tháng {First.Month}" : $"năm {First.Year}";

    /// <summary>"December" or "2026".</summary>
    public string LabelEn => Horizon == NowcastHorizon.Month
        ? System.Globalization.CultureInfo.GetCultureInfo("en-GB").DateTimeFormat.GetMonthName(First.Month)
        : First.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
