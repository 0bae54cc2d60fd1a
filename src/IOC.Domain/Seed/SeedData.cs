using System.Globalization;
using CsvHelper;
using IOC.Domain.Kpis;
using IOC.Domain.Targets;
using IOC.Domain.Units;

namespace IOC.Domain.Seed;

/// <summary>
/// Loads seed-data/ (units.csv, agencies.csv, targets.csv). Bad rows stop the start with the file,
/// line and field named: a product that silently drops a ward or a target would mislead its users.
/// </summary>
public static class SeedData
{
    public static UnitCatalog LoadUnits(string directory)
    {
        Unit? city = null;
        var wards = new List<Unit>();
        var wardCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in Rows(Path.Combine(directory, "units.csv"), "code", "name", "name_en", "type", "level"))
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
        var agencies = Rows(Path.Combine(directory, "agencies.csv"), "code", "name", "name_en", "short_name", "short_name_en", "type")
            .Select(row => agencyCodes.Add(row["code"])
                ? new Unit(row["code"], row["name"], row["name_en"], row["type"], UnitLevel.Agency)
                {
                    ShortName = row["short_name"],
                    ShortNameEn = row["short_name_en"],
                }
                : throw row.Error("code", $"duplicate agency code '{row["code"]}'"))
            .ToList();
        return new UnitCatalog(
            city ?? throw new InvalidDataException("units.csv: no row with level 'city'."),
            wards,
            agencies);
    }

    public static TargetCatalog LoadTargets(string directory, UnitCatalog units)
    {
        var targets = new List<Target>();
        foreach (var row in Rows(Path.Combine(directory, "targets.csv"), "kpi", "level", "unit", "direction", "value", "period"))
        {
            if (!KpiCatalog.TryGet(row["kpi"], out _))
            {
                throw row.Error("kpi", $"unknown KPI id '{row["kpi"]}'");
            }

            if (!UnitLevelNames.TryParse(row["level"], out var level) || level == UnitLevel.Direct)
            {
                throw row.Error("level", "must be 'city', 'ward' or 'agency'");
            }

            var unit = string.IsNullOrEmpty(row["unit"]) ? null : row["unit"];
            if (unit is not null && units.Find(new UnitKey(level, unit)) is null)
            {
                throw row.Error("unit", $"no {level.ToWire()} with code '{unit}'");
            }

            var direction = Direction(row);
            var value = Number(row, "value");

            targets.Add(new Target(row["kpi"], level, unit, direction, value, row["period"], row.Optional("source_vi"), row.Optional("source_en")));
        }

        targets.AddRange(LoadCommitments(directory, units).Select(c => c.ToTarget()));
        return new TargetCatalog(targets);
    }

    /// <summary>The agencies' competition-agreement commitments; each also becomes that agency's target.</summary>
    public static IReadOnlyList<Commitment> LoadCommitments(string directory, UnitCatalog units)
    {
        var commitments = new List<Commitment>();
        var path = Path.Combine(directory, "commitments.csv");
        foreach (var row in Rows(path, "agency", "kpi", "direction", "value", "period", "wording_vi", "wording_en", "item_vi", "item_en"))
        {
            if (!units.IsAgency(row["agency"]))
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

        return commitments;
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

    private static IEnumerable<CsvRow> Rows(string path, params string[] required)
    {
        // The physical line (blank lines and line breaks inside quotes included), so an editor's line number matches.
        using var reader = CsvReader.FromFile(path, new CsvReaderOptions { TrackLineNumbers = true });
        while (reader.Read())
        {
            var row = new CsvRow(Path.GetFileName(path), reader.LineNumber);
            foreach (var column in required)
            {
                if (!reader.TryGetFieldIndex(column, out var index))
                {
                    throw new InvalidDataException($"{row.File}: missing column '{column}'.");
                }

                var value = reader.GetString(index).Trim();
                if (value.Length == 0 && column != "unit")
                {
                    throw row.Error(column, "is empty");
                }

                row.Values[column] = value;
            }

            foreach (var optional in new[] { "source_vi", "source_en" })
            {
                if (reader.TryGetFieldIndex(optional, out var index))
                {
                    row.Values[optional] = reader.GetString(index).Trim();
                }
            }

            yield return row;
        }
    }

    private sealed class CsvRow(string file, long line)
    {
        public string File { get; } = file;

        public Dictionary<string, string> Values { get; } = new();

        public string this[string column] => Values[column];

        public string Optional(string column) => Values.GetValueOrDefault(column, "");

        public InvalidDataException Error(string field, string reason) => new($"{File} line {line}, field '{field}': {reason}.");
    }
}
