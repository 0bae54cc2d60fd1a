namespace IOC.Domain.Units;

/// <summary>How a province or the country is named in running text: "Hải Phòng" for Thành phố Hải Phòng, "Hanoi".</summary>
public static class PlaceNames
{
    private static readonly string[] VietnamesePrefixes = ["Thành phố ", "Tỉnh "];
    private static readonly string[] EnglishSuffixes = [" Province", " City"];

    /// <summary>The name without its kind: "Hải Phòng", "Gia Lai"; in English "Hai Phong", "Gia Lai", "Ho Chi Minh City" stays.</summary>
    public static string Short(Unit unit, bool english)
    {
        if (english)
        {
            var name = unit.NameEn;
            foreach (var suffix in EnglishSuffixes)
            {
                if (name.EndsWith(suffix, StringComparison.Ordinal) && name != "Ho Chi Minh City")
                {
                    return name[..^suffix.Length];
                }
            }

            return name;
        }

        foreach (var prefix in VietnamesePrefixes)
        {
            if (unit.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return unit.Name[prefix.Length..];
            }
        }

        return unit.Name;
    }
}
