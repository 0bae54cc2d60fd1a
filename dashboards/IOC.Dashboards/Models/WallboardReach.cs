using System.Security.Claims;
using IOC.Access.Authorization;
using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Live.Feed;

namespace IOC.Dashboards.Models;

/// <summary>
/// What a unit-limited account (a ward's staff) may see of the wallboard: the city's figures, and of the wards and
/// agencies only its own. The ward ranking is ranked again over its wards alone, so neither another ward's row nor the
/// city-wide counts of judged and falling-short wards reach it (docs/security.md, "Unit limits").
/// </summary>
public static class WallboardReach
{
    public static WallboardData Within(this WallboardData data, LiveKpis live, ClaimsPrincipal? user, int minimumVolume, KpiWindow window = KpiWindow.Today)
    {
        if (user is null || !user.IsUnitLimited())
        {
            return data;
        }

        var wards = live.Units.Wards.Where(w => user.MayRead(UnitLevel.Ward, w.Code)).Select(w => (w, live.Get(w, window)));
        return data with
        {
            Weakest = WardRanking.Weakest(wards, data.Weakest.KpiId, live.Targets, minimumVolume),
            Agencies = [.. data.Agencies.Where(a => user.MayRead(UnitLevel.Agency, a.Agency.Code))],
        };
    }
}
