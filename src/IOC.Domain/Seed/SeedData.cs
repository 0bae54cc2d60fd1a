using System.Globalization;
using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Domain.Units;

namespace IOC.Domain.Seed;

/// <summary>
/// Loads seed-data/. The top-level files are Hanoi's (province 01, the default deployment): units.csv, agencies.csv,
/// targets.csv, commitments.csv, psi-manual.csv. country/ holds every province and commune (provinces.csv,
/// communes.csv) and the national targets every province falls back to (targets.csv); provinces/{code}/ holds a
/// province's own targets, agencies, commitments and PSI entries, all optional. Bad rows stop the start with the file,
/// line and field named: a product that silently drops a ward or a target would mislead its users.
/// </summary>
public static class SeedData
{
    public const string ProvincesFolder = "provinces";
    public const string TargetsFile = "targets.csv";
    public const string CommitmentsFile = "commitments.csv";
    public const string AgenciesFile = "agencies.csv";

    private static readonly string[] AgencyColumns = ["code", "name", "name_en", "short_name", "short_name_en", "type"];

    /// <summary>Hanoi as the top-level units.csv and agencies.csv describe it: today's default deployment.</summary>
    public static UnitCatalog LoadUnits(string directory)
    {
        Unit? city = null;
        var wards = new List<Unit>();
        var wardCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in SeedCsv.Rows(Path.Combine(directory, "units.csv"), "units.csv", ["code", "name", "name_en", "type", "level"]))
        {
            if (!UnitLevelNames.TryParse(row["level"], out var level) || level is not (UnitLevel.City or UnitLevel.Ward))
            {
                throw row.Error("level", "must be 'city' or 'ward'");
            }

            var unit = new Unit(row["code"], row["name"], row["name_en"], row["type"], level);
            if (level == UnitLevel.City)
            {
                city = city is null ? unit : throw row.Error("level", "only one city row is allowed");
            }
            else
            {
                if (unit.Code.Length != 5 || !unit.Code.All(char.IsAsciiDigit))
                {
                    throw row.Error("code", "a ward code has 5 digits");
                }

                if (!wardCodes.Add(unit.Code))
                {
                    throw row.Error("code", $"duplicate ward code '{unit.Code}'");
                }

                wards.Add(unit);
            }
        }

        var agencyCodes = new HashSet<string>(StringComparer.Ordinal);
        var agencies = Agencies(Path.Combine(directory, AgenciesFile), AgenciesFile, agencyCodes).ToList();
        return new UnitCatalog(
            city ?? throw new InvalidDataException("units.csv: no row with level 'city'."),
            wards,
            agencies);
    }

    /// <summary>
    /// The units of a deployment's scope: Hanoi from the top-level files (exactly as <see cref="LoadUnits(string)"/>),
    /// any other province or the whole country from country/ with the agencies of each province that has some.
    /// </summary>
    public static UnitCatalog LoadUnits(string directory, DeploymentScope scope)
    {
        var root = LoadUnits(directory);
        if (scope.Province == root.Head.Code)
        {
            return root;
        }

        var rows = CountrySeed.Provinces(directory);
        var provinces = rows.Select(r => r.Province).ToList();
        var communes = CountrySeed.Communes(directory, rows);
        if (scope.Province is { } code && provinces.All(p => p.Code != code))
        {
            throw new InvalidDataException(
                $"{DeploymentScope.Setting} '{code}': no province with that code in {CountrySeed.Folder}/{CountrySeed.ProvincesFile}.");
        }

        var inScope = scope.IsNational ? provinces : [.. provinces.Where(p => p.Code == scope.Province)];
        var agencies = new List<(Unit, string)>();
        var agencyCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var province in inScope)
        {
            var (path, name) = ProvinceFile(directory, root.Head.Code, province.Code, AgenciesFile);
            if (File.Exists(path))
            {
                agencies.AddRange(Agencies(path, name, agencyCodes).Select(a => (a, province.Code)));
            }
        }

        if (scope.IsNational)
        {
            return new UnitCatalog(CountrySeed.Country, provinces, communes, agencies);
        }

        return new UnitCatalog(inScope[0], communes.Where(c => c.Province == scope.Province).Select(c => c.Ward), agencies.Select(a => a.Item1));
    }

    /// <summary>
    /// The targets of the catalog's units. A province's own targets (top-level targets.csv for Hanoi,
    /// provinces/{code}/targets.csv for the others) win; the national targets (country/targets.csv) fill what a
    /// province did not set. Each agency's commitments are its targets too.
    /// </summary>
    public static TargetCatalog LoadTargets(string directory, UnitCatalog units)
    {
        var root = RootProvince(directory);
        var nationalPath = Path.Combine(directory, CountrySeed.Folder, TargetsFile);
        var national = File.Exists(nationalPath)
            ? Targets(nationalPath, $"{CountrySeed.Folder}/{TargetsFile}", units, province: null, isNational: true)
            : [];
        var targets = new List<Target>();
        if (!units.IsNational)
        {
            var head = units.Head.Code;
            var (path, name) = ProvinceFile(directory, root, head, TargetsFile);
            var own = File.Exists(path) ? Targets(path, name, units, province: null, isNational: false) : [];
            var covered = own.Where(t => t.UnitCode is null).Select(t => (t.Kpi, t.Level)).ToHashSet();
            targets.AddRange(own);
            targets.AddRange(national.Where(t => t.Level != UnitLevel.Country && t.UnitCode is null && !covered.Contains((t.Kpi, t.Level))));
            targets.AddRange(LoadCommitments(directory, units).Select(c => c.ToTarget()));
            return new TargetCatalog(targets);
        }

        targets.AddRange(national);
        foreach (var province in units.Provinces)
        {
            var (path, name) = ProvinceFile(directory, root, province.Code, TargetsFile);
            if (File.Exists(path))
            {
                targets.AddRange(Targets(path, name, units, province.Code, isNational: false));
            }
        }

        targets.AddRange(LoadCommitments(directory, units).Select(c => c.ToTarget()));
        return new TargetCatalog(targets, key => units.ProvinceOf(key)?.Code);
    }

    /// <summary>The agencies' competition-agreement commitments, of every province in scope that has some; each also becomes that agency's target.</summary>
    public static IReadOnlyList<Commitment> LoadCommitments(string directory, UnitCatalog units)
    {
        var commitments = new List<Commitment>();
        foreach (var (province, path, name) in ProvinceFiles(directory, units, CommitmentsFile))
        {
            foreach (var row in SeedCsv.Rows(path, name, ["agency", "kpi", "direction", "value", "period", "wording_vi", "wording_en", "item_vi", "item_en"]))
            {
                var agency = new UnitKey(UnitLevel.Agency, row["agency"]);
                if (!units.IsAgency(row["agency"]) || units.ProvinceOf(agency)?.Code != province.Code)
                {
                    throw row.Error("agency", $"no agency with code '{row["agency"]}'");
                }

                if (!KpiCatalog.TryGet(row["kpi"], out _))
                {
                    throw row.Error("kpi", $"unknown KPI id '{row["kpi"]}'");
                }

                if (commitments.Any(c => c.Agency == row["agency"] && c.Kpi == row["kpi"]))
                {
                    throw row.Error("kpi", $"agency '{row["agency"]}' already has a commitment on '{row["kpi"]}'");
                }

                commitments.Add(new Commitment(
                    row["agency"], row["kpi"], Direction(row), Number(row, "value"), row["period"],
                    row["wording_vi"], row["wording_en"], row["item_vi"], row["item_en"]));
            }
        }

        return commitments;
    }

    /// <summary>
    /// A per-province file that exists, for each province in scope: Hanoi's at the top of seed-data/, the others'
    /// under provinces/{code}/; with the name errors should give it.
    /// </summary>
    public static IEnumerable<(Unit Province, string Path, string Name)> ProvinceFiles(string directory, UnitCatalog units, string fileName)
    {
        var root = RootProvince(directory);
        foreach (var province in units.Provinces)
        {
            var (path, name) = ProvinceFile(directory, root, province.Code, fileName);
            if (File.Exists(path))
            {
                yield return (province, path, name);
            }
        }
    }

    /// <summary>Finds seed-data/ next to the app or in a parent folder (so tests and `dotnet run` find the repo's copy).</summary>
    public static string Locate(string? configured = null)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured) ? configured : throw new DirectoryNotFoundException($"Seed data folder '{configured}' does not exist.");
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "seed-data");
                if (File.Exists(Path.Combine(candidate, "units.csv")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("No seed-data/ folder with units.csv found; set SeedData:Directory.");
    }

    private static (string Path, string Name) ProvinceFile(string directory, string root, string province, string fileName) =>
        province == root
            ? (Path.Combine(directory, fileName), fileName)
            : (Path.Combine(directory, ProvincesFolder, province, fileName), $"{ProvincesFolder}/{province}/{fileName}");

    /// <summary>The province the top-level files describe: units.csv's city (Hanoi, 01).</summary>
    private static string RootProvince(string directory)
    {
        var path = Path.Combine(directory, "units.csv");
        if (!File.Exists(path))
        {
            return UnitCatalog.CityCode;
        }

        foreach (var row in SeedCsv.Rows(path, "units.csv", ["code", "level"]))
        {
            if (row["level"] == "city")
            {
                return row["code"];
            }
        }

        return UnitCatalog.CityCode;
    }

    private static IEnumerable<Unit> Agencies(string path, string name, HashSet<string> codes) =>
        SeedCsv.Rows(path, name, AgencyColumns).Select(row => codes.Add(row["code"])
            ? new Unit(row["code"], row["name"], row["name_en"], row["type"], UnitLevel.Agency)
            {
                ShortName = row["short_name"],
                ShortNameEn = row["short_name_en"],
            }
            : throw row.Error("code", $"duplicate agency code '{row["code"]}'"));

    /// <param name="province">The province whose own file this is (national mode), so its level-wide targets apply to it alone.</param>
    private static List<Target> Targets(string path, string name, UnitCatalog units, string? province, bool isNational)
    {
        var targets = new List<Target>();
        foreach (var row in SeedCsv.Rows(path, name, ["kpi", "level", "unit", "direction", "value", "period"], "unit"))
        {
            if (!KpiCatalog.TryGet(row["kpi"], out _))
            {
                throw row.Error("kpi", $"unknown KPI id '{row["kpi"]}'");
            }

            if (!UnitLevelNames.TryParse(row["level"], out var level) || level == UnitLevel.Direct || (level == UnitLevel.Country && !isNational))
            {
                throw row.Error("level", isNational ? "must be 'country', 'province', 'ward' or 'agency'" : "must be 'city', 'ward' or 'agency'");
            }

            var unit = string.IsNullOrEmpty(row["unit"]) ? null : row["unit"];
            if (unit is not null)
            {
                var key = new UnitKey(level, unit);
                if (units.Find(key) is null)
                {
                    throw row.Error("unit", $"no {level.ToWire()} with code '{unit}'");
                }

                if (province is not null && units.ProvinceOf(key)?.Code != province)
                {
                    throw row.Error("unit", $"{level.ToWire()} '{unit}' is not in province {province}");
                }
            }

            targets.Add(new Target(row["kpi"], level, unit, Direction(row), Number(row, "value"), row["period"], row.Optional("source_vi"), row.Optional("source_en"))
            {
                Province = unit is null ? province : null,
            });
        }

        return targets;
    }

    private static TargetDirection Direction(CsvRow row) => row["direction"] switch
    {
        ">=" => TargetDirection.AtLeast,
        "<=" => TargetDirection.AtMost,
        _ => throw row.Error("direction", "must be '>=' or '<='"),
    };

    private static double Number(CsvRow row, string column) =>
        double.TryParse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw row.Error(column, "must be a number");
}
