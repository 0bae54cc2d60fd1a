using System.Security.Claims;
using IOC.Domain.Units;

namespace IOC.Access.Authorization;

/// <summary>The claims IOC puts on every principal, whatever signed it in (person, paired device, service token).</summary>
public static class AccessClaims
{
    /// <summary>person, device, service or development (the Development environment's viewer).</summary>
    public const string Kind = "ioc:kind";

    /// <summary>A unit the principal is limited to (a ward's code or an agency's); none: every unit.</summary>
    public const string Unit = "ioc:unit";

    /// <summary>The paired device's id (kind device).</summary>
    public const string Device = "ioc:device";

    /// <summary>The service token's id (kind service): "db:{id}" or "config:{name}".</summary>
    public const string Token = "ioc:token";

    /// <summary>Present while a person still has to replace a first (generated or admin-set) password.</summary>
    public const string MustChangePassword = "ioc:must-change-password";

    public const string Person = "person";
    public const string PairedDevice = "device";
    public const string Service = "service";
    public const string Development = "development";
}

/// <summary>What a principal's claims say about its reach.</summary>
public static class AccessPrincipal
{
    public static string? KindOf(this ClaimsPrincipal user) => user.FindFirst(AccessClaims.Kind)?.Value;

    public static IReadOnlyList<string> Units(this ClaimsPrincipal user) =>
        [.. user.FindAll(AccessClaims.Unit).Select(c => c.Value)];

    /// <summary>Limited to some units: sees those and the city, not every ward.</summary>
    public static bool IsUnitLimited(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == AccessClaims.Unit);

    /// <summary>The city is everyone's; a ward or an agency only when unlimited or listed.</summary>
    public static bool MayRead(this ClaimsPrincipal user, UnitLevel level, string code) =>
        level == UnitLevel.City || !user.IsUnitLimited() || user.HasClaim(AccessClaims.Unit, code);

    /// <summary>The principal's role (one per principal), or null.</summary>
    public static string? Role(this ClaimsPrincipal user) => user.FindFirst(ClaimTypes.Role)?.Value;

    /// <summary>"person alice", "device TV phòng họp", "service bi-tool": how the audit log names who acted.</summary>
    public static string Describe(this ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? $"{user.KindOf() ?? "person"} {user.Identity.Name}" : "anonymous";

    public static ClaimsIdentity Identity(string scheme, string kind, string name, string role, IEnumerable<string> units, params Claim[] extra)
    {
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        identity.AddClaim(new Claim(ClaimTypes.Role, role));
        identity.AddClaim(new Claim(AccessClaims.Kind, kind));
        foreach (var unit in units)
        {
            identity.AddClaim(new Claim(AccessClaims.Unit, unit));
        }

        identity.AddClaims(extra);
        return identity;
    }
}
