using Orleans;

namespace IOC.Domain.Units;

[GenerateSerializer, Alias("ioc.UnitLevel")]
public enum UnitLevel
{
    City,
    Ward,
    Agency,

    /// <summary>
    /// The city's direct work: the events of agencies that name no ward, which the city counts through one unit of
    /// its own (a history series and a grain, never a page of its own).
    /// </summary>
    Direct,
}

public static class UnitLevelNames
{
    public static string ToWire(this UnitLevel level) => level switch
    {
        UnitLevel.City => "city",
        UnitLevel.Ward => "ward",
        UnitLevel.Agency => "agency",
        UnitLevel.Direct => "direct",
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
            default: level = default; return false;
        }
    }
}
