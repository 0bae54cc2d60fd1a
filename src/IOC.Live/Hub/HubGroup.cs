using System.Diagnostics.CodeAnalysis;
using IOC.Domain.Units;

namespace IOC.Live.Hub;

public enum HubGroupKind
{
    City,
    Ward,
    Agency,

    /// <summary>The compact table of every ward (<see cref="WardsTable"/>).</summary>
    Wards,

    /// <summary>A group of its own feed (<see cref="IHubFeed"/>): <c>alerts</c>.</summary>
    Feed,
}

/// <summary>
/// A group a hub client can subscribe to: <c>city</c>, <c>ward:{code}</c>, <c>agency:{code}</c> or <c>wards</c>.
/// The set is finite (one per unit plus the table), so the groups one connection can hold are bounded too.
/// </summary>
public sealed record HubGroup(HubGroupKind Kind, string Name, Unit? Unit)
{
    /// <summary>The feed of a <see cref="HubGroupKind.Feed"/> group.</summary>
    public IHubFeed? Feed { get; init; }

    public static HubGroup For(IHubFeed feed) => new(HubGroupKind.Feed, feed.Name, null) { Feed = feed };

    public const string CityName = "city";
    public const string WardsName = "wards";
    private const string WardPrefix = "ward:";
    private const string AgencyPrefix = "agency:";
    private const string Usage = "use 'city', 'wards', 'alerts', 'ward:{code}' (a 5-digit ward code) or 'agency:{code}'";

    public static HubGroup Table { get; } = new(HubGroupKind.Wards, WardsName, null);

    /// <summary>The group that shows one unit's KPIs.</summary>
    public static HubGroup For(Unit unit) => unit.Level switch
    {
        UnitLevel.City => new HubGroup(HubGroupKind.City, CityName, unit),
        UnitLevel.Ward => new HubGroup(HubGroupKind.Ward, WardPrefix + unit.Code, unit),
        _ => new HubGroup(HubGroupKind.Agency, AgencyPrefix + unit.Code, unit),
    };

    /// <summary>The group name of a unit key, without a catalogue look-up (for routing ticks).</summary>
    public static string NameOf(UnitKey key) => key.Level switch
    {
        UnitLevel.City => CityName,
        UnitLevel.Ward => WardPrefix + key.Code,
        _ => AgencyPrefix + key.Code,
    };

    /// <summary>Parses a group name; on failure <paramref name="error"/> says which group and why, for the client.</summary>
    public static bool TryParse(string? text, UnitCatalog units, [NotNullWhen(true)] out HubGroup? group, out string error) =>
        TryParse(text, units, [], out group, out error);

    /// <summary>Parses a group name, the names of <paramref name="feeds"/> included.</summary>
    public static bool TryParse(string? text, UnitCatalog units, IEnumerable<IHubFeed> feeds, [NotNullWhen(true)] out HubGroup? group, out string error)
    {
        group = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"The group name is empty: {Usage}.";
            return false;
        }

        if (feeds.FirstOrDefault(f => f.Name == text) is { } feed)
        {
            group = For(feed);
        }
        else if (text == CityName)
        {
            group = For(units.City);
        }
        else if (text == WardsName)
        {
            group = Table;
        }
        else if (text.StartsWith(WardPrefix, StringComparison.Ordinal))
        {
            var code = text[WardPrefix.Length..];
            group = units.TryGetWard(code, out var ward) ? For(ward) : null;
            error = $"Unknown group '{text}': no ward has code '{code}' (GET /api/v1/units lists the {units.Wards.Count} ward codes).";
        }
        else if (text.StartsWith(AgencyPrefix, StringComparison.Ordinal))
        {
            var code = text[AgencyPrefix.Length..];
            group = units.TryGetAgency(code, out var agency) ? For(agency) : null;
            error = $"Unknown group '{text}': no agency has code '{code}' (known: {string.Join(", ", units.Agencies.Select(a => a.Code))}).";
        }
        else
        {
            error = $"Unknown group '{text}': {Usage}.";
        }

        if (group is not null)
        {
            error = "";
        }

        return group is not null;
    }
}
