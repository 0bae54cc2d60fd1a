using CsvHelper;

namespace IOC.Domain.Seed;

/// <summary>Reads a seed CSV file row by row, naming the file, physical line and field of anything wrong.</summary>
internal static class SeedCsv
{
    private static readonly string[] OptionalColumns = ["source_vi", "source_en", "province"];

    /// <param name="name">How errors name the file: its path under seed-data/ (<c>provinces/31/targets.csv</c>).</param>
    /// <param name="mayBeEmpty">Required columns whose value may be empty.</param>
    public static IEnumerable<CsvRow> Rows(string path, string name, string[] required, params string[] mayBeEmpty)
    {
        // The physical line (blank lines and line breaks inside quotes included), so an editor's line number matches.
        using var reader = CsvReader.FromFile(path, new CsvReaderOptions { TrackLineNumbers = true });
        while (reader.Read())
        {
            var row = new CsvRow(name, reader.LineNumber);
            foreach (var column in required)
            {
                if (!reader.TryGetFieldIndex(column, out var index))
                {
                    throw new InvalidDataException($"{name}: missing column '{column}'.");
                }

                var value = reader.GetString(index).Trim();
                if (value.Length == 0 && !mayBeEmpty.Contains(column))
                {
                    throw row.Error(column, "is empty");
                }

                row.Values[column] = value;
            }

            foreach (var optional in OptionalColumns)
            {
                if (!row.Values.ContainsKey(optional) && reader.TryGetFieldIndex(optional, out var index))
                {
                    row.Values[optional] = reader.GetString(index).Trim();
                }
            }

            yield return row;
        }
    }
}

internal sealed class CsvRow(string file, long line)
{
    public string File { get; } = file;

    public Dictionary<string, string> Values { get; } = new();

    public string this[string column] => Values[column];

    public string Optional(string column) => Values.GetValueOrDefault(column, "");

    public InvalidDataException Error(string field, string reason) => new($"{File} line {line}, field '{field}': {reason}.");
}
