using IOC.Domain.Kpis;

namespace IOC.Dashboards.Models;

/// <summary>
/// The periods the wallboard and kiosk switch between: today, the last 7 days, month to date and year to date (at
/// 01:00 "today" holds a handful of events while the targets are monthly or yearly). Every unit's live snapshot holds
/// all of these windows, so switching reads no history.
/// </summary>
public static class WallboardPeriod
{
    public static readonly IReadOnlyList<KpiWindow> Choices = [KpiWindow.Today, KpiWindow.Last7Days, KpiWindow.MonthToDate, KpiWindow.YearToDate];

    /// <summary>The window <c>?period=</c> names (today, 7d, mtd, ytd); <paramref name="fallback"/> when it names none.</summary>
    public static KpiWindow Parse(string? text, KpiWindow fallback) =>
        KpiWindows.TryParse(text, out var window) && Choices.Contains(window) ? window : fallback;

    public static bool IsChoice(string? text) => KpiWindows.TryParse(text, out var window) && Choices.Contains(window);
}
