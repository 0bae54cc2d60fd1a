using System.Security.Claims;
using IOC.Dashboards.Models;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace IOC.Dashboards.Pages;

/// <summary>The wallboard within the viewer's reach: a unit-limited account sees the city and its own units only.</summary>
public sealed partial class Wallboard
{
    private ClaimsPrincipal? _user;

    [CascadingParameter] public Task<AuthenticationState>? Auth { get; set; }

    private WallboardData Build() =>
        WallboardData.From(Live, _rankKpi, Options.Value.RankingMinimumVolume, Window).Within(Live, _user, Options.Value.RankingMinimumVolume, Window);
}
