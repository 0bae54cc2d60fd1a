using Orleans;

namespace IOC.Domain.Units;

/// <summary>An administrative unit (the city or a ward/commune) or a city agency.</summary>
/// <param name="Code">Stable key: "01" for Hanoi, the official 5-digit code for a ward, a short code for an agency.</param>
/// <param name="Type">"thành phố", "phường", "xã" or "cơ quan".</param>
public sealed record Unit(string Code, string Name, string NameEn, string Type, UnitLevel Level)
{
    /// <summary>Grain key: level and code, so a ward and an agency can never collide.</summary>
    public UnitKey Key => new(Level, Code);

    /// <summary>A name short enough for a wallboard tile (agencies' official names run to twenty words).</summary>
    public string ShortName { get => field ?? Name; init; }

    public string ShortNameEn { get => field ?? NameEn; init; }
}

[GenerateSerializer, Immutable, Alias("ioc.UnitKey")]
public readonly record struct UnitKey([property: Id(0)] UnitLevel Level, [property: Id(1)] string Code)
{
    public static readonly UnitKey City = new(UnitLevel.City, UnitCatalog.CityCode);

    public override string ToString() => $"{Level.ToWire()}:{Code}";
}
