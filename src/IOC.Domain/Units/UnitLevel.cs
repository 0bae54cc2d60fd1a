namespace IOC.Domain.Units;

public enum UnitLevel
{
    City,
    Ward,
    Agency,
}

public static class UnitLevelNames
{
    public static string ToWire(this UnitLevel level) => level switch
    {
        UnitLevel.City => "city",
        UnitLevel.Ward => "ward",
        UnitLevel.Agency => "agency",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static bool TryParse(string? text, out UnitLevel level)
    {
        switch (text)
        {
            case "city": level = UnitLevel.City; return true;
            case "ward": level = UnitLevel.Ward; return true;
            case "agency": level = UnitLevel.Agency; return true;
            default: level = default; return false;
        }
    }
}
