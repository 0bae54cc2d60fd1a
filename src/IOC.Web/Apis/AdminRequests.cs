using IOC.Access.Roles;
using IOC.Domain.Events;
using IOC.Domain.Units;

namespace IOC.Web.Apis;

public sealed record NewAccount(string? UserName, string? DisplayName, string? Role, IReadOnlyList<string>? Units, string? Password);

public sealed record AccountChange(string? Role, IReadOnlyList<string>? Units);

public sealed record NewPassword(string? Password);

public sealed record NewDevice(string? Name, string? Location);

public sealed record NewProducerKey(string? Name, IReadOnlyList<string>? Units, IReadOnlyList<string>? EventTypes, DateTimeOffset? ExpiresAt);

public sealed record NewServiceToken(string? Name, string? Role, IReadOnlyList<string>? Units, DateTimeOffset? ExpiresAt);

/// <summary>Checks of what admins send (API and pages alike); each failure names the field and why.</summary>
public static class AdminChecks
{
    public const string Title = "Bad admin request";

    public static BadArg? Name(string? name, string field = "name") =>
        string.IsNullOrWhiteSpace(name) ? new BadArg(field, $"{field} is required.", Title)
        : name.Trim().Length > 100 ? new BadArg(field, $"{field} is longer than 100 characters.", Title)
        : null;

    public static BadArg? Role(string? role) =>
        AccessRoles.IsKnown(role) ? null : new BadArg("role", $"role '{role}' is not one of {string.Join(", ", AccessRoles.All)}.", Title);

    /// <summary>Each code a ward or an agency of the catalogue (the city needs no limit: every account sees it).</summary>
    public static BadArg? Units(IReadOnlyList<string>? codes, UnitCatalog units)
    {
        foreach (var code in codes ?? [])
        {
            if (!units.IsWard(code) && !units.IsAgency(code))
            {
                return new BadArg("units", $"'{code}' is not a ward or agency code (GET /api/v1/units lists them).", Title);
            }
        }

        return null;
    }

    public static BadArg? EventTypes(IReadOnlyList<string>? types)
    {
        foreach (var type in types ?? [])
        {
            if (!WireNames.EventTypes.ContainsKey(type))
            {
                return new BadArg("eventTypes", $"'{type}' is not an event type ({string.Join(", ", WireNames.EventTypes.Keys)}).", Title);
            }
        }

        return null;
    }

    public static BadArg? Expiry(DateTimeOffset? expiresAt, TimeProvider time) =>
        expiresAt is { } at && at <= time.GetUtcNow() ? new BadArg("expiresAt", "expiresAt is in the past.", Title) : null;
}
