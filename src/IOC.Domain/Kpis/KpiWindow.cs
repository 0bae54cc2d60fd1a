namespace IOC.Domain.Kpis;

public enum KpiWindow
{
    Today,
    Last60Minutes,
    MonthToDate,
    YearToDate,

    /// <summary>Today and the six local days before it (day buckets): the wallboard's "7 days" period.</summary>
    Last7Days,
}

public static class KpiWindows
{
    public static readonly KpiWindow[] All = Enum.GetValues<KpiWindow>();

    public static string ToWire(this KpiWindow window) => window switch
    {
        KpiWindow.Today => "today",
        KpiWindow.Last60Minutes => "60m",
        KpiWindow.MonthToDate => "mtd",
        KpiWindow.YearToDate => "ytd",
        KpiWindow.Last7Days => "7d",
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, null),
    };

    public static bool TryParse(string? text, out KpiWindow window)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToWire(), text, StringComparison.OrdinalIgnoreCase))
            {
                window = candidate;
                return true;
            }
        }

        window = default;
        return false;
    }
}
