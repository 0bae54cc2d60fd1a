namespace IOC.Dashboards.Hosting;

/// <summary>Wallboard settings (section "Wallboard").</summary>
public sealed class WallboardOptions
{
    /// <summary>Kiosk mode shows one view at a time and moves on after this many seconds (<c>?rotate=</c> overrides).</summary>
    public int RotateSeconds { get; set; } = 20;

    /// <summary>Re-render at most this often, however fast events arrive.</summary>
    public int RefreshMilliseconds { get; set; } = 500;

    /// <summary>
    /// The period a kiosk opens on: <c>today</c>, <c>7d</c>, <c>mtd</c> (month to date) or <c>ytd</c>; a screen's
    /// <c>?period=</c> overrides it. The desk wallboard opens on today.
    /// </summary>
    public string KioskPeriod { get; set; } = "today";

    /// <summary>A ward is judged in the weakest-wards list only from this many dossiers, calls or responses today.</summary>
    public int RankingMinimumVolume { get; set; } = Models.WardRanking.DefaultMinimumVolume;
}
