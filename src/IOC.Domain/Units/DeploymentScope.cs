namespace IOC.Domain.Units;

/// <summary>
/// What a deployment watches (setting <c>Ioc:Province</c>): one province by its official two-digit code (<c>01</c>,
/// Hanoi, the default; <c>31</c> Hải Phòng; …) or the whole country (<c>country</c>).
/// </summary>
public sealed record DeploymentScope(string? Province)
{
    public const string Setting = "Ioc:Province";

    public static readonly DeploymentScope Hanoi = new(UnitCatalog.CityCode);

    public static readonly DeploymentScope Country = new((string?)null);

    public bool IsNational => Province is null;

    /// <summary>Empty: Hanoi; <c>country</c> (or <c>VN</c>, <c>all</c>): the whole country; otherwise a two-digit province code.</summary>
    /// <exception cref="ArgumentException">Neither: the message names the setting and what it accepts.</exception>
    public static DeploymentScope Parse(string? text)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            return Hanoi;
        }

        if (value.Equals("country", StringComparison.OrdinalIgnoreCase) || value.Equals(UnitCatalog.CountryCode, StringComparison.OrdinalIgnoreCase)
            || value.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return Country;
        }

        return value.Length == 2 && value.All(char.IsAsciiDigit)
            ? new DeploymentScope(value)
            : throw new ArgumentException(
                $"{Setting} '{text}' is neither a two-digit province code (01 Hanoi, 31 Hải Phòng, … as in seed-data/country/provinces.csv) nor 'country'.");
    }

    public override string ToString() => Province ?? "country";
}
