using IOC.Domain.Units;

namespace IOC.Domain.Seed;

/// <summary>
/// seed-data/country/: the 34 provinces (provinces.csv) and their 3,321 communes (communes.csv) with official codes,
/// names and types, and each province's optional agencies (provinces/{code}/agencies.csv; Hanoi's are the top-level
/// agencies.csv). A bad row stops the start, naming the file, line and field.
/// </summary>
internal static class CountrySeed
{
    public const string Folder = "country";
    public const string ProvincesFile = "provinces.csv";
    public const string CommunesFile = "communes.csv";

    private static readonly string[] CommuneTypes = ["phường", "xã", "đặc khu"];
    private static readonly string[] ProvinceTypes = ["tỉnh", "thành phố"];

    public static Unit Country { get; } = new(UnitCatalog.CountryCode, "Việt Nam", "Vietnam", "quốc gia", UnitLevel.Country)
    {
        ShortName = "Cả nước",
        ShortNameEn = "Whole country",
    };

    /// <summary>A province as provinces.csv lists it, with the number of communes it promises and where it says so.</summary>
    public sealed record ProvinceRow(Unit Province, int Communes, CsvRow Row);

    public static IReadOnlyList<ProvinceRow> Provinces(string directory)
    {
        var name = $"{Folder}/{ProvincesFile}";
        var provinces = new List<ProvinceRow>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in SeedCsv.Rows(Path.Combine(directory, Folder, ProvincesFile), name, ["code", "name", "name_en", "type", "communes"]))
        {
            if (row["code"].Length != 2 || !row["code"].All(char.IsAsciiDigit))
            {
                throw row.Error("code", "a province code has 2 digits");
            }

            if (!codes.Add(row["code"]))
            {
                throw row.Error("code", $"duplicate province code '{row["code"]}'");
            }

            if (!ProvinceTypes.Contains(row["type"]))
            {
                throw row.Error("type", "must be 'tỉnh' or 'thành phố'");
            }

            if (!int.TryParse(row["communes"], out var count) || count < 1)
            {
                throw row.Error("communes", "must be the number of its communes (a whole number above 0)");
            }

            provinces.Add(new ProvinceRow(new Unit(row["code"], row["name"], row["name_en"], row["type"], UnitLevel.City), count, row));
        }

        return provinces;
    }

    /// <summary>Every commune with its province's code; each province must have exactly the communes provinces.csv says.</summary>
    public static IReadOnlyList<(Unit Ward, string Province)> Communes(string directory, IReadOnlyList<ProvinceRow> provinces)
    {
        var name = $"{Folder}/{CommunesFile}";
        var known = provinces.ToDictionary(p => p.Province.Code, StringComparer.Ordinal);
        var communes = new List<(Unit, string)>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var perProvince = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in SeedCsv.Rows(Path.Combine(directory, Folder, CommunesFile), name, ["code", "name", "name_en", "type", "province"]))
        {
            if (row["code"].Length != 5 || !row["code"].All(char.IsAsciiDigit))
            {
                throw row.Error("code", "a commune code has 5 digits");
            }

            if (!codes.Add(row["code"]))
            {
                throw row.Error("code", $"duplicate commune code '{row["code"]}'");
            }

            if (!CommuneTypes.Contains(row["type"]))
            {
                throw row.Error("type", "must be 'phường', 'xã' or 'đặc khu'");
            }

            if (!known.ContainsKey(row["province"]))
            {
                throw row.Error("province", $"no province with code '{row["province"]}' in {Folder}/{ProvincesFile}");
            }

            communes.Add((new Unit(row["code"], row["name"], row["name_en"], row["type"], UnitLevel.Ward), row["province"]));
            perProvince[row["province"]] = perProvince.GetValueOrDefault(row["province"]) + 1;
        }

        foreach (var (province, expected, row) in provinces)
        {
            var found = perProvince.GetValueOrDefault(province.Code);
            if (found != expected)
            {
                throw row.Error("communes", $"{province.Name} has {expected} communes here but {found} in {name}");
            }
        }

        return communes;
    }
}
