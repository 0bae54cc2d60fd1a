using CsvHelper;
using IOC.Domain.Events;
using IOC.Ingestion.Parsing;

namespace IOC.Ingestion.Procedures;

/// <summary>
/// The operator's catalogue of official procedure names: <c>procedure-names.csv</c> in the data folder, header
/// <c>code,name,source</c>. A bad row stops the start naming the file, line and field, like the seed files: a name
/// silently dropped or misattributed would be shown as official.
/// </summary>
public static class ProcedureCatalogue
{
    public const string FileName = "procedure-names.csv";

    /// <summary>The names in <paramref name="path"/>, by code; none when the file does not exist.</summary>
    public static IReadOnlyDictionary<string, ProcedureName> Load(string path)
    {
        var names = new Dictionary<string, ProcedureName>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return names;
        }

        // The physical line (blank lines and line breaks inside quotes included), so an editor's line number matches.
        using var reader = CsvReader.FromFile(path, new CsvReaderOptions { TrackLineNumbers = true });
        if (!reader.TryGetFieldIndex("code", out var codeColumn) || !reader.TryGetFieldIndex("name", out var nameColumn))
        {
            throw new InvalidDataException($"{FileName}: the first line must be the header code,name,source.");
        }

        var sourceColumn = reader.TryGetFieldIndex("source", out var column) ? column : -1;
        while (reader.Read())
        {
            var line = reader.LineNumber;
            var code = reader.GetString(codeColumn).Trim();
            var name = reader.GetString(nameColumn).Trim();
            var source = sourceColumn < 0 ? null : reader.GetString(sourceColumn).Trim();
            if (!EventRules.Procedure().IsMatch(code))
            {
                throw Error(line, "code", $"'{code}' is not a national procedure code (1.001612 or 1.001612.000.00.00.H26)");
            }

            if (name.Length > EventRules.MaxProcedureNameLength || !EventRules.IsProcedureName(name))
            {
                throw Error(line, "name", $"must be 1–{EventRules.MaxProcedureNameLength} characters, start with a letter or digit and hold no control characters");
            }

            if (!names.TryAdd(code, new ProcedureName(code, name, ProcedureNameSource.Catalogue, string.IsNullOrWhiteSpace(source) ? null : source)))
            {
                throw Error(line, "code", $"'{code}' appears twice");
            }
        }

        return names;
    }

    private static InvalidDataException Error(long line, string field, string reason) =>
        new($"{FileName} line {line}, field {field}: {reason}.");
}
