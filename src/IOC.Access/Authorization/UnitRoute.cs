using System.Reflection;
using IOC.Domain.Units;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing.Patterns;

namespace IOC.Access.Authorization;

/// <summary>
/// Which unit a route shows, read from its pattern: the <c>{code}</c> parameter and the literal segment before it
/// (<c>units</c> or <c>wards</c>: a ward, <c>agencies</c>: an agency, <c>city</c>: the city). A route with a code under
/// any other segment is <see cref="UnitRouteKind.Other"/>: unit-limited principals are refused it until this class
/// learns what it shows. One rule for APIs, exports, pages and the pages' interactive navigation.
/// </summary>
public enum UnitRouteKind
{
    None,
    City,
    Ward,
    Agency,
    Other,
}

public static class UnitRoute
{
    public static (UnitRouteKind Kind, string? Parameter) Of(RoutePattern? pattern)
    {
        if (pattern is null)
        {
            return (UnitRouteKind.None, null);
        }

        string? previous = null;
        foreach (var segment in pattern.PathSegments)
        {
            foreach (var part in segment.Parts)
            {
                if (part is RoutePatternParameterPart parameter && parameter.Name.Equals("code", StringComparison.OrdinalIgnoreCase))
                {
                    return (previous?.ToLowerInvariant() switch
                    {
                        "units" or "wards" => UnitRouteKind.Ward,
                        "agencies" => UnitRouteKind.Agency,
                        "city" => UnitRouteKind.City,
                        _ => UnitRouteKind.Other,
                    }, parameter.Name);
                }
            }

            previous = segment.Parts is [RoutePatternLiteralPart literal] ? literal.Content : null;
        }

        return (UnitRouteKind.None, null);
    }

    /// <summary>The route of a Blazor page (its <see cref="RouteAttribute"/> that has a code, else its first).</summary>
    public static RoutePattern? OfPage(Type? pageType)
    {
        var templates = pageType?.GetCustomAttributes<RouteAttribute>(inherit: true).Select(r => RoutePatternFactory.Parse(r.Template)).ToList() ?? [];
        return templates.FirstOrDefault(t => Of(t).Kind != UnitRouteKind.None) ?? templates.FirstOrDefault();
    }

    public static UnitLevel? Level(UnitRouteKind kind) => kind switch
    {
        UnitRouteKind.City => UnitLevel.City,
        UnitRouteKind.Ward => UnitLevel.Ward,
        UnitRouteKind.Agency => UnitLevel.Agency,
        _ => null,
    };
}
