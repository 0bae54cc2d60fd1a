using System.Globalization;
using CsvHelper;
using IOC.Domain.Seed;
using IOC.Domain.Units;
using IOC.Review.Periods;

namespace IOC.Review.Psi;

/// <summary>One row of seed-data/psi-manual.csv: points a reviewer entered from the official assessment.</summary>
public sealed record PsiManualEntry(UnitKey Unit, PsiGroup Group, double Points, int Year, string Source);

/// <summary>
/// The groups the feeds cannot measure (transparency), entered by hand per unit and year in seed-data/psi-manual.csv
/// (columns unit, group, points, period, source). A bad row stops the start with the file, line and field named, as
/// the other seed files do: a figure silently dropped or invented would mislead the ranking. No file: no entries.
/// </summary>
public sealed class PsiManualData
{
    public const string FileName = "psi-manual.csv";

    private static readonly string[] Columns = ["unit", "group", "points", "period", "source"];

    private readonly Dictionary<(UnitKey Unit, int Year), Dictionary<PsiGroup, double>> _byUnitYear;

    public PsiManualData(IEnumerable<PsiManualEntry> entries)
    {
        Entries = entries.ToList();
        _byUnitYear = Entries
            .GroupBy(e => (e.Unit, e.Year))
            .ToDictionary(g => g.Key, g => g.ToDictionary(e => e.Group, e => e.Points));
    }

    public static PsiManualData Empty { get; } = new([]);

    public IReadOnlyList<PsiManualEntry> Entries { get; }

    /// <summary>
    /// The points entered for the unit for the year the whole period lies in; null when none. A custom period across
    /// a new year takes neither year's figure (a yearly assessment does not describe half of another year).
    /// </summary>
    public IReadOnlyDictionary<PsiGroup, double>? For(UnitKey unit, ReviewPeriod period) =>
        period.FirstDay.Year == period.LastDay.Year && _byUnitYear.TryGetValue((unit, period.FirstDay.Year), out var groups) ? groups : null;

    /// <summary>
    /// The entries of every province in scope: Hanoi's psi-manual.csv at the top of seed-data/, another province's under
    /// provinces/{code}/. A province's own row (its two-digit code) is its provincial score, ranked in national mode.
    /// </summary>
    public static PsiManualData Load(string directory, UnitCatalog units)
    {
        var entries = new List<PsiManualEntry>();
        var seen = new HashSet<(UnitKey, PsiGroup, int)>();
        foreach (var (_, path, name) in SeedData.ProvinceFiles(directory, units, FileName))
        {
            Load(path, name, units, entries, seen);
        }

        return entries.Count == 0 ? Empty : new PsiManualData(entries);
    }

    private static void Load(string path, string name, UnitCatalog units, List<PsiManualEntry> entries, HashSet<(UnitKey, PsiGroup, int)> seen)
    {
        using var reader = CsvReader.FromFile(path, new CsvReaderOptions { TrackLineNumbers = true });
        while (reader.Read())
        {
            var line = reader.LineNumber;
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var column in Columns)
            {
                if (!reader.TryGetFieldIndex(column, out var index))
                {
                    throw new InvalidDataException($"{name}: missing column '{column}'.");
                }

                row[column] = reader.GetString(index).Trim();
                if (row[column].Length == 0)
                {
                    throw Error(name, line, column, "is empty");
                }
            }

            var entry = Parse(row, name, line, units);
            if (!seen.Add((entry.Unit, entry.Group, entry.Year)))
            {
                throw Error(name, line, "unit", $"'{row["unit"]}' already has {row["group"]} points for {entry.Year}");
            }

            entries.Add(entry);
        }
    }

    private static PsiManualEntry Parse(Dictionary<string, string> row, string name, long line, UnitCatalog units)
    {
        var code = row["unit"];
        UnitKey unit = units.IsWard(code) ? new UnitKey(UnitLevel.Ward, code)
            : units.IsAgency(code) ? new UnitKey(UnitLevel.Agency, code)
            : units.IsNational && units.TryGetProvince(code, out var province) ? province.Key
            : throw Error(name, line, "unit", $"no ward or agency with code '{code}'");

        if (!PsiGroupNames.TryParse(row["group"], out var group))
        {
            throw Error(name, line, "group", $"unknown group '{row["group"]}'; only 'transparency' is entered by hand");
        }

        if (group != PsiGroup.Transparency)
        {
            throw Error(name, line, "group", $"'{row["group"]}' is measured from the feeds and cannot be entered by hand; only 'transparency' can");
        }

        var max = PsiEstimator.MaxPoints[group];
        if (!double.TryParse(row["points"], NumberStyles.Float, CultureInfo.InvariantCulture, out var points) || !double.IsFinite(points))
        {
            throw Error(name, line, "points", $"'{row["points"]}' is not a number (a dot for decimals, e.g. 15.5)");
        }

        if (points < 0 || points > max)
        {
            throw Error(name, line, "points", $"{row["points"]} is outside 0..{max}, the maximum of {row["group"]}");
        }

        if (row["period"].Length != 4 || !int.TryParse(row["period"], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 2000)
        {
            throw Error(name, line, "period", $"'{row["period"]}' is not a year (e.g. 2026)");
        }

        return new PsiManualEntry(unit, group, points, year, row["source"]);
    }

    private static InvalidDataException Error(string name, long line, string field, string reason) => new($"{name} line {line}, field '{field}': {reason}.");
}
