using System.Text.Json;
using IOC.History.Store;

namespace IOC.History.Influx;

/// <summary>One series of an InfluxQL answer: its tags (when grouped by tag) and rows of column values.</summary>
/// <param name="Rows">Values per column: <see cref="long"/>, <see cref="double"/>, <see cref="string"/>, <see cref="bool"/> or null.</param>
public sealed record InfluxSeries(string Name, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
    public int Column(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>The answer to one statement of a query request.</summary>
public sealed record InfluxStatement(int Id, IReadOnlyList<InfluxSeries> Series);

/// <summary>
/// Reads InfluxDB 1.x's JSON answers (<c>/query</c>, not chunked): <c>{"results":[{"statement_id":0,"series":[{"name",
/// "tags","columns","values"}]}]}</c>. An error, of the request or of any statement, and a result cut short by the
/// server's row limit (<c>"partial":true</c>) are thrown, never returned as fewer rows.
/// </summary>
public static class InfluxResultParser
{
    /// <exception cref="HistoryStoreException">InfluxDB reported an error or a partial result.</exception>
    public static IReadOnlyList<InfluxStatement> Parse(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error))
        {
            throw new HistoryStoreException($"InfluxDB query failed: {error.GetString()}", rejected: true);
        }

        if (!root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
        {
            throw new HistoryStoreException("InfluxDB answer has no 'results' array.");
        }

        var statements = new List<InfluxStatement>(results.GetArrayLength());
        foreach (var result in results.EnumerateArray())
        {
            var id = result.TryGetProperty("statement_id", out var sid) ? sid.GetInt32() : statements.Count;
            if (result.TryGetProperty("error", out var statementError))
            {
                throw new HistoryStoreException($"InfluxDB statement {id} failed: {statementError.GetString()}", rejected: true);
            }

            if (result.TryGetProperty("partial", out var partial) && partial.ValueKind == JsonValueKind.True)
            {
                throw new HistoryStoreException($"InfluxDB cut statement {id}'s answer short (its [http] max-row-limit); set max-row-limit = 0.");
            }

            var series = new List<InfluxSeries>();
            if (result.TryGetProperty("series", out var seriesArray))
            {
                foreach (var s in seriesArray.EnumerateArray())
                {
                    series.Add(ReadSeries(s, id));
                }
            }

            statements.Add(new InfluxStatement(id, series));
        }

        return statements;
    }

    private static InfluxSeries ReadSeries(JsonElement s, int statement)
    {
        if (s.TryGetProperty("partial", out var partial) && partial.ValueKind == JsonValueKind.True)
        {
            throw new HistoryStoreException($"InfluxDB cut a series of statement {statement} short (its [http] max-row-limit); set max-row-limit = 0.");
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (s.TryGetProperty("tags", out var tagObject))
        {
            foreach (var tag in tagObject.EnumerateObject())
            {
                tags[tag.Name] = tag.Value.GetString() ?? "";
            }
        }

        var columns = s.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
        var rows = new List<object?[]>();
        if (s.TryGetProperty("values", out var values))
        {
            foreach (var row in values.EnumerateArray())
            {
                var cells = new object?[columns.Length];
                var i = 0;
                foreach (var cell in row.EnumerateArray())
                {
                    cells[i++] = cell.ValueKind switch
                    {
                        JsonValueKind.Number => cell.TryGetInt64(out var whole) ? whole : cell.GetDouble(),
                        JsonValueKind.String => cell.GetString(),
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => null,
                    };
                }

                rows.Add(cells);
            }
        }

        return new InfluxSeries(s.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "", tags, columns, rows);
    }

    /// <summary>A cell as a whole number: null and missing are 0; a fractional sum is rounded.</summary>
    public static long AsLong(object? cell) => cell switch
    {
        long l => l,
        double d => (long)Math.Round(d),
        null => 0,
        _ => throw new HistoryStoreException($"InfluxDB returned '{cell}' where a number was expected."),
    };
}
