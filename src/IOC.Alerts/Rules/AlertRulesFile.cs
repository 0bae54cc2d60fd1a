using System.Globalization;
using CsvHelper;
using IOC.Grains.Alerts.Rules;

namespace IOC.Alerts.Rules;

/// <summary>
/// Reads seed-data/alert-rules.csv: one rule a row, checked like a rule sent to the API. A bad row stops the start,
/// naming the file, line and field, as every seed file does.
/// </summary>
public static class AlertRulesFile
{
    public const string FileName = "alert-rules.csv";

    private static readonly string[] Columns =
        ["id", "name_vi", "name_en", "kpi", "scope", "unit", "window", "condition", "threshold", "min_denominator", "pending", "keep_firing", "severity", "office_hours", "enabled"];

    /// <summary>The rules of <paramref name="directory"/>; none when the file is absent.</summary>
    public static IReadOnlyList<AlertRule> Load(string directory, AlertRuleChecker checker)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return [];
        }

        var rules = new List<AlertRule>();
        using var reader = CsvReader.FromFile(path, new CsvReaderOptions { TrackLineNumbers = true });
        while (reader.Read())
        {
            var line = reader.LineNumber;
            var row = new Dictionary<string, string>();
            foreach (var column in Columns)
            {
                if (!reader.TryGetFieldIndex(column, out var index))
                {
                    throw new InvalidDataException($"{FileName}: missing column '{column}'.");
                }

                row[column] = reader.GetString(index).Trim();
            }

            row["no_data"] = reader.TryGetFieldIndex("no_data", out var noDataIndex) ? reader.GetString(noDataIndex).Trim() : "";

            var draft = new AlertRuleDraft
            {
                Id = row["id"],
                NameVi = row["name_vi"],
                NameEn = row["name_en"],
                Kpi = row["kpi"],
                Scope = row["scope"],
                Unit = row["unit"],
                Window = row["window"],
                Condition = row["condition"],
                Threshold = Number(row["threshold"], line, "threshold"),
                MinDenominator = (long?)Number(row["min_denominator"], line, "min_denominator"),
                Pending = row["pending"],
                KeepFiring = row["keep_firing"],
                Severity = row["severity"],
                OfficeHours = Flag(row["office_hours"], line, "office_hours"),
                Enabled = Flag(row["enabled"], line, "enabled"),
                NoData = row["no_data"],
            };
            var (rule, errors) = checker.Check(draft);
            if (rule is null)
            {
                var first = errors[0];
                throw Error(line, ColumnOf(first.Field), first.Reason);
            }

            if (rules.Any(r => r.Id == rule.Id))
            {
                throw Error(line, "id", $"'{rule.Id}' is listed twice");
            }

            rules.Add(rule);
        }

        return rules;
    }

    /// <summary>The CSV's column of an API field name ("minDenominator" → "min_denominator").</summary>
    private static string ColumnOf(string field) => field switch
    {
        "nameVi" => "name_vi",
        "nameEn" => "name_en",
        "minDenominator" => "min_denominator",
        "keepFiring" => "keep_firing",
        "officeHours" => "office_hours",
        "noData" => "no_data",
        _ => field,
    };

    private static double? Number(string text, long line, string column) =>
        text.Length == 0 ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw Error(line, column, $"'{text}' is not a number");

    private static bool? Flag(string text, long line, string column) => text switch
    {
        "" => null,
        "true" => true,
        "false" => false,
        _ => throw Error(line, column, $"'{text}' is not true or false"),
    };

    private static InvalidDataException Error(long line, string field, string reason) =>
        new($"{FileName} line {line}, field '{field}': {reason}.");
}
