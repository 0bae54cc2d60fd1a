namespace IOC.Access.Keys;

/// <summary>
/// What a producer key may post: events of these units (ward or agency codes; empty: all) and of these types (wire
/// names; empty: all). Every unit an event names must be in scope, since the event counts for each of them.
/// </summary>
public sealed record ProducerScope(IReadOnlySet<string> Units, IReadOnlySet<string> EventTypes)
{
    public static ProducerScope Everything { get; } = new(new HashSet<string>(), new HashSet<string>());

    public bool IsEverything => Units.Count == 0 && EventTypes.Count == 0;

    /// <summary>The first field that falls outside the scope and why, or null when the event is within it.</summary>
    public (string Field, string Reason)? Refuses(string type, string? unit, string? agency)
    {
        if (EventTypes.Count > 0 && !EventTypes.Contains(type))
        {
            return ("type", $"'{type}' is outside this key's scope (event types {string.Join(", ", EventTypes.Order(StringComparer.Ordinal))})");
        }

        if (Units.Count > 0 && unit is not null && !Units.Contains(unit))
        {
            return ("unit", $"ward '{unit}' is outside this key's scope (units {string.Join(", ", Units.Order(StringComparer.Ordinal))})");
        }

        if (Units.Count > 0 && agency is not null && !Units.Contains(agency))
        {
            return ("agency", $"agency '{agency}' is outside this key's scope (units {string.Join(", ", Units.Order(StringComparer.Ordinal))})");
        }

        return null;
    }
}
