using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IOC.Bench.Cluster;

/// <summary>
/// Every KPI figure one node's API showed, by "window level code" (e.g. <c>ytd province 01</c>): each unit's
/// <c>kpis</c> object as <c>/api/v1/kpi/...</c> wrote it, without its <c>asOf</c> (the time of the read).
/// </summary>
internal sealed class KpiTable
{
    private readonly SortedDictionary<string, JsonObject> _units = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, JsonObject> Units => _units;

    public int Count => _units.Count;

    /// <summary>One unit's answer (<c>/country</c>, <c>/provinces/{code}</c>, <c>/units/{code}</c>).</summary>
    public void AddOne(JsonObject unit)
    {
        var key = $"{unit["window"]!.GetValue<string>()} {unit["level"]!.GetValue<string>()} {unit["unit"]!.GetValue<string>()}";
        if (!_units.TryAdd(key, unit["kpis"]!.AsObject()))
        {
            throw new InvalidOperationException($"{key} was read twice.");
        }
    }

    /// <summary>A list's answer (<c>/provinces</c>, <c>/units</c>, <c>/agencies</c>): <c>{ window, asOf, units: [...] }</c>.</summary>
    public void AddList(JsonObject list)
    {
        foreach (var unit in list["units"]!.AsArray())
        {
            AddOne(unit!.AsObject());
        }
    }

    public JsonObject? Find(string key) => _units.GetValueOrDefault(key);

    /// <summary>The units whose key <paramref name="keep"/> accepts, e.g. the country's year to date alone.</summary>
    public KpiTable Where(Func<string, bool> keep)
    {
        var table = new KpiTable();
        foreach (var (key, kpis) in _units.Where(u => keep(u.Key)))
        {
            table._units.Add(key, kpis);
        }

        return table;
    }
}

/// <summary>
/// Whether two nodes show the same figures: every unit of either table, every KPI of either unit, and each figure's
/// value, numerator, denominator, target, direction and status. Numbers are equal when they differ by at most
/// <see cref="RelativeTolerance"/> of the larger: an average's numerator is a sum of doubles (waiting seconds,
/// ratings), and a province adds its communes' shares in the order they arrive, which differs between runs and
/// nodes in the last bits. Counts are whole numbers far below 2^53, so any real difference is far above it.
/// </summary>
internal static class KpiComparison
{
    public const double RelativeTolerance = 1e-9;

    private static readonly string[] Fields = ["value", "numerator", "denominator", "target", "direction", "status"];

    /// <summary>One line per difference, naming the unit, the KPI, the field and both sides (empty: equal).</summary>
    public static List<string> Differences(KpiTable expected, string expectedName, KpiTable actual, string actualName)
    {
        var differences = new List<string>();
        foreach (var key in expected.Units.Keys.Union(actual.Units.Keys).Order(StringComparer.Ordinal))
        {
            var (a, b) = (expected.Find(key), actual.Find(key));
            if (a is null || b is null)
            {
                differences.Add($"{key}: {(a is null ? "not shown" : "shown")} on {expectedName}, {(b is null ? "not shown" : "shown")} on {actualName}");
                continue;
            }

            foreach (var kpi in a.Select(p => p.Key).Union(b.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                var (x, y) = (a[kpi] as JsonObject, b[kpi] as JsonObject);
                if (x is null || y is null)
                {
                    differences.Add($"{key} {kpi}: {(x is null ? "missing" : "present")} on {expectedName}, {(y is null ? "missing" : "present")} on {actualName}");
                    continue;
                }

                differences.AddRange(Fields
                    .Where(field => !Same(x[field], y[field]))
                    .Select(field => $"{key} {kpi} {field}: {Show(x[field])} on {expectedName}, {Show(y[field])} on {actualName}"));
            }
        }

        return differences;
    }

    private static bool Same(JsonNode? x, JsonNode? y)
    {
        if (x is null || y is null)
        {
            return x is null && y is null;
        }

        if (x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number)
        {
            var (a, b) = (x.GetValue<double>(), y.GetValue<double>());
            return a == b || Math.Abs(a - b) <= RelativeTolerance * Math.Max(Math.Abs(a), Math.Abs(b));
        }

        return JsonNode.DeepEquals(x, y);
    }

    private static string Show(JsonNode? node) => node switch
    {
        null => "none",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };
}
