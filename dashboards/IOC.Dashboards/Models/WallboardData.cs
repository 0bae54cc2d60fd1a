using IOC.Domain.Kpis;
using IOC.Live.Feed;
using IOC.Live.KpiViews;

namespace IOC.Dashboards.Models;

/// <summary>The overdue counts that must stand out on the wallboard.</summary>
public sealed record ActionCounts(long OverdueDossiers, long DueSoonDossiers, long OverdueTickets);

/// <summary>Everything the wallboard shows, built from the live feed in one pass (then rendered without further reads).</summary>
public sealed record WallboardData(
    DateTimeOffset? AsOf,
    IReadOnlyList<TileModel> Headline,
    ActionCounts Actions,
    WardRanking Weakest,
    IReadOnlyList<AgencyCard> Agencies,
    IReadOnlyList<TileModel> Hotline,
    IReadOnlyList<TrendPoint> CallsPerFiveMinutes,
    KpiWindow Window = KpiWindow.Today)
{
    /// <summary>The headline KPIs the issue and the public targets name, in the order leaders read them.</summary>
    public static readonly IReadOnlyList<string> HeadlineKpis =
    [
        "dossier.digitalPlatformRate",
        "dossier.onlineRate",
        "dossier.fullProcessOnlineRate",
        "dossier.onTimeRate",
        "satisfaction.rate",
        "hotline.serviceLevel",
        "hotline.abandonmentRate",
        "hotline.ticketOnTimeRate",
    ];

    public static readonly IReadOnlyList<string> HotlineKpis =
    [
        "hotline.offered",
        "hotline.answerRate",
        "hotline.serviceLevel",
        "hotline.abandonmentRate",
        "hotline.avgSpeedOfAnswerSeconds",
        "hotline.avgHandleSeconds",
        "hotline.ticketOnTimeRate",
        "hotline.openOverdueTickets",
    ];

    /// <summary>Trends are drawn every 30 minutes: smooth enough for a wall, 48 points a day at most.</summary>
    public static readonly TimeSpan TrendStep = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The wallboard over <paramref name="window"/> (<see cref="WallboardPeriod"/>): tiles, ranking and agencies of that
    /// period; the trend lines and the calls chart are today's whatever the period (they say so).
    /// </summary>
    public static WallboardData From(LiveKpis live, string rankKpi, int minimumVolume = WardRanking.DefaultMinimumVolume, KpiWindow window = KpiWindow.Today)
    {
        var city = live.City(window);
        var headline = HeadlineKpis.Select(id => TileModel.From(city, id, live.CityTrend(id, TrendStep))).ToList();
        var hotline = HotlineKpis.Select(id => TileModel.From(city, id)).ToList();
        var wards = live.Units.Wards.Select(w => (w, live.Get(w, window)));
        var agencies = live.Units.Agencies.Select(a => AgencyCard.From(a, live.Get(a, window), live.Targets)).ToList();
        var actions = new ActionCounts(
            Count(city, "dossier.overduePending"),
            Count(city, "dossier.dueSoon"),
            Count(city, "hotline.openOverdueTickets"));
        return new WallboardData(
            live.LastTick,
            headline,
            actions,
            WardRanking.Weakest(wards, KpiCatalog.TryGet(rankKpi, out _) ? rankKpi : WardRanking.DefaultKpi, live.Targets, minimumVolume),
            agencies,
            hotline,
            live.CityPerFiveMinutes("hotline.offered"),
            window);
    }

    private static long Count(UnitKpis unit, string id) => (long)(unit.Kpis[id].Value ?? 0);
}
