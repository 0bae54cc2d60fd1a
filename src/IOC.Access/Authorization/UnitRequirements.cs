using System.Security.Claims;
using IOC.Domain.Units;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace IOC.Access.Authorization;

/// <summary>A unit-limited principal reaches a ward's or an agency's route only for its own units (and the city's).</summary>
public sealed class UnitRouteRequirement : IAuthorizationRequirement;

/// <summary>The endpoint shows every ward or agency at once: unit-limited principals are refused.</summary>
public sealed class EveryUnitRequirement : IAuthorizationRequirement;

public sealed class UnitRouteHandler : AuthorizationHandler<UnitRouteRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, UnitRouteRequirement requirement)
    {
        if (!context.User.IsUnitLimited() || Allows(context.User, context.Resource))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The resource is the request (endpoint routing) or the page's RouteData (interactive navigation). Hub method
    /// calls carry neither: the hub checks the group asked for itself.
    /// </summary>
    private static bool Allows(ClaimsPrincipal user, object? resource)
    {
        (RoutePattern? Pattern, IReadOnlyDictionary<string, object?>? Values) route = resource switch
        {
            HttpContext http => ((http.GetEndpoint() as RouteEndpoint)?.RoutePattern, http.Request.RouteValues),
            Microsoft.AspNetCore.Components.RouteData page => (UnitRoute.OfPage(page.PageType), page.RouteValues),
            _ => (null, null),
        };
        var (pattern, values) = route;
        var (kind, parameter) = UnitRoute.Of(pattern);
        if (kind == UnitRouteKind.None)
        {
            return true;
        }

        var code = values?.FirstOrDefault(v => v.Key.Equals(parameter, StringComparison.OrdinalIgnoreCase)).Value?.ToString();
        return UnitRoute.Level(kind) is { } level && code is not null && (level != UnitLevel.City || code == UnitCatalog.CityCode) && user.MayRead(level, code);
    }
}

public sealed class EveryUnitHandler : AuthorizationHandler<EveryUnitRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, EveryUnitRequirement requirement)
    {
        if (!context.User.IsUnitLimited())
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
