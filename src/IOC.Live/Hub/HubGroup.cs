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

    /// <summary>One province by its code (<c>province:{code}</c>): any of the 34 in national mode, the deployment's own otherwise.</summary>
    Province,

    /// <summary>The whole country (national mode).</summary>
    Country,

    /// <summary>A group of its own feed (<see cref="IHubFeed"/>): <c>alerts</c>.</summary>
    Feed,
}

/// <summary>
/// A group a hub client can subscribe to: <c>city</c> (the deployment's head: its province, or the country in national
/// mode), <c>ward:{code}</c>, <c>agency:{code}</c>, <c>wards</c>, <c>province:{code}</c> or <c>country</c> (national mode).
/// The set is finite (one per unit plus the table), so the groups one connection can hold are bounded too.
/// </summary>
public sealed record HubGroup(HubGroupKind Kind, string Name, Unit? Unit)
{
    /// <summary>The feed of a <see cref="HubGroupKind.Feed"/> group.</summary>
    public IHubFeed? Feed { get; init; }

    public static HubGroup For(IHubFeed feed) => new(HubGroupKind.Feed, feed.Name, null) { Feed = feed };

    public const string CityName = "city";
    public const string WardsName = "wards";
    public const string CountryName = "country";
    private const string WardPrefix = "ward:";
    private const string AgencyPrefix = "agency:";
    private const string ProvincePrefix = "province:";
    private const string Usage = "use 'city', 'wards', 'alerts', 'ward:{code}' (a 5-digit ward code), 'agency:{code}', 'province:{code}' (a 2-digit province code) or 'country'";

    public static HubGroup Table { get; } = new(HubGroupKind.Wards, WardsName, null);

    /// <summary>The group that shows one unit (a province's is <c>province:{code}</c>; the head is also <c>city</c>).</summary>
    public static HubGroup For(Unit unit) => unit.Level switch
    {
        UnitLevel.City => new HubGroup(HubGroupKind.Province, ProvincePrefix + unit.Code, unit),
        UnitLevel.Country => new HubGroup(HubGroupKind.Country, CountryName, unit),
        UnitLevel.Ward => new HubGroup(HubGroupKind.Ward, WardPrefix + unit.Code, unit),
        _ => new HubGroup(HubGroupKind.Agency, AgencyPrefix + unit.Code, unit),
    };

    /// <summary>
    /// The group of a unit's own figures, without a catalogue look-up: <c>ward:</c>, <c>agency:</c>, <c>country</c>, and
    /// <c>city</c> for a province (a province is also <c>province:{code}</c>; ticks are routed by unit, see <see cref="UpdateCoalescer"/>).
    /// </summary>
    public static string NameOf(UnitKey key) => key.Level switch
    {
        UnitLevel.City => CityName,
        UnitLevel.Country => CountryName,
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
            group = new HubGroup(HubGroupKind.City, CityName, units.Head);
        }
        else if (text == CountryName)
        {
            group = units.Country is { } country ? new HubGroup(HubGroupKind.Country, CountryName, country) : null;
            error = $"Unknown group 'country': this deployment watches one province ({units.Head.Name}); 'country' is there in national mode.";
        }
        else if (text.StartsWith(ProvincePrefix, StringComparison.Ordinal))
        {
            var code = text[ProvincePrefix.Length..];
            group = units.TryGetProvince(code, out var province) ? new HubGroup(HubGroupKind.Province, text, province) : null;
            error = $"Unknown group '{text}': no province in this deployment has code '{code}' ({string.Join(", ", units.Provinces.Take(34).Select(p => p.Code))}).";
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
