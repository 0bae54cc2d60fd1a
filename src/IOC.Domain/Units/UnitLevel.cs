using Orleans;

namespace IOC.Domain.Units;

[GenerateSerializer, Alias("ioc.UnitLevel")]
public enum UnitLevel
{
    /// <summary>
    /// A province-level unit (a tỉnh, or a thành phố trực thuộc trung ương such as Hanoi): "city" on the wire and in
    /// stored history, where IOC began with Hanoi; a deployment's province in province mode, one of 34 in national mode.
    /// </summary>
    City,
    Ward,
    Agency,

    /// <summary>
    /// The city's direct work: the events of agencies that name no ward, which the city counts through one unit of
    /// its own (a history series and a grain, never a page of its own).
    /// </summary>
    Direct,

    /// <summary>The whole country (national mode): the sum of its provinces, as a province is the sum of its communes.</summary>
    Country,
}

public static class UnitLevelNames
{
    public static string ToWire(this UnitLevel level) => level switch
    {
        UnitLevel.City => "city",
        UnitLevel.Ward => "ward",
        UnitLevel.Agency => "agency",
        UnitLevel.Direct => "direct",
        UnitLevel.Country => "country",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static bool TryParse(string? text, out UnitLevel level)
    {
        switch (text)
        {
            case "city": level = UnitLevel.City; return true;
            case "ward": level = UnitLevel.Ward; return true;
            case "agency": level = UnitLevel.Agency; return true;
            case "direct": level = UnitLevel.Direct; return true;
            case "country": level = UnitLevel.Country; return true;

            // A province-level unit is "city" on the wire (IOC began with Hanoi); seed files may say what it is.
            case "province": level = UnitLevel.City; return true;
            default: level = default; return false;
        }
    }
}
