using IOC.Access.Authentication;
using IOC.Access.Roles;
using Microsoft.AspNetCore.Authorization;

namespace IOC.Access.Authorization;

/// <summary>
/// Every endpoint, page and hub names one of these (docs/security.md, "Giving a new endpoint its policy"). Each role
/// policy also applies the unit limits: a unit-limited principal reaches a ward's or agency's route only for its units.
/// </summary>
public static class AccessPolicies
{
    public const string Viewer = "role:viewer";
    public const string Analyst = "role:analyst";
    public const string Reviewer = "role:reviewer";
    public const string Duty = "role:duty";
    public const string Admin = "role:admin";

    /// <summary>Admin changes through the API: admin service tokens only (people change things on the admin pages, whose forms carry anti-forgery tokens).</summary>
    public const string AdminApiWrite = "admin-api-write";

    /// <summary>Added to endpoints that show every ward or agency at once (lists, rankings): unit-limited principals are refused.</summary>
    public const string AllUnits = "all-units";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Viewer, Role(AccessRoles.Viewer));
        options.AddPolicy(Analyst, Role(AccessRoles.Analyst));
        options.AddPolicy(Reviewer, Role(AccessRoles.Reviewer, everyUnit: true));
        options.AddPolicy(Duty, Role(AccessRoles.Duty));
        options.AddPolicy(Admin, Role(AccessRoles.Admin, everyUnit: true));
        options.AddPolicy(AdminApiWrite, new AuthorizationPolicyBuilder(AccessSchemes.ServiceToken)
            .RequireAuthenticatedUser().RequireRole(AccessRoles.Admin).AddRequirements(new EveryUnitRequirement()).Build());
        options.AddPolicy(AllUnits, new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new EveryUnitRequirement()).Build());

        // An endpoint nobody gave a policy still needs someone signed in; the route matrix test fails it all the same.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }

    private static AuthorizationPolicy Role(string role, bool everyUnit = false)
    {
        var policy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(AccessRoles.AtLeast(role)).AddRequirements(new UnitRouteRequirement());
        if (everyUnit)
        {
            policy.AddRequirements(new EveryUnitRequirement());
        }

        return policy.Build();
    }
}
