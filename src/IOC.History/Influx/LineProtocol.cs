using System.Globalization;
using System.Text;

namespace IOC.History.Influx;

/// <summary>
/// InfluxDB 1.x line protocol: <c>measurement,tag=v,tag2=w field=1i,field2=2i timestamp</c>. Commas and spaces are
/// escaped in the measurement; commas, spaces and equals signs in tag keys, tag values and field keys. Tags are
/// sorted by key (InfluxDB's advice) and empty tags left out. Text is UTF-8 as is (Vietnamese needs nothing).
/// </summary>
public static class LineProtocol
{
    /// <summary>
    /// Appends one point with integer fields. Zero fields are left out (a missing field reads as 0 when summed,
    /// and a point's fields only grow), but a point keeps at least one field, as the protocol requires.
    /// </summary>
    public static void AppendPoint(
        StringBuilder line, string measurement, IReadOnlyList<KeyValuePair<string, string?>> tags,
        IReadOnlyList<string> fieldNames, ReadOnlySpan<long> values, long timestampNs)
    {
        AppendEscaped(line, measurement, measurementOnly: true);
        foreach (var (key, value) in IsSorted(tags) ? tags : [.. tags.OrderBy(t => t.Key, StringComparer.Ordinal)])
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            line.Append(',');
            AppendEscaped(line, key);
            line.Append('=');
            AppendEscaped(line, TagValue(value!));
        }

        line.Append(' ');
        var first = true;
        for (var i = 0; i < fieldNames.Count; i++)
        {
            if (values[i] == 0 && !(first && i == fieldNames.Count - 1))
            {
                continue;
            }

            if (!first)
            {
                line.Append(',');
            }

            AppendEscaped(line, fieldNames[i]);
            line.Append('=').Append(CultureInfo.InvariantCulture, $"{values[i]}").Append('i');
            first = false;
        }

        line.Append(' ').Append(CultureInfo.InvariantCulture, $"{timestampNs}").Append('\n');
    }

    /// <summary>
    /// What a tag value can carry in InfluxDB 1.x: a backslash before a separator or at the end of a value cannot
    /// be written (1.6 rejects or keeps the escape), and a line break ends the line; so backslashes become slashes
    /// and line breaks spaces. Both stores store the cleaned value, so they agree.
    /// </summary>
    public static string TagValue(string value) =>
        value.AsSpan().IndexOfAny('\\', '\n', '\r') < 0 ? value : value.Replace('\\', '/').Replace('\n', ' ').Replace('\r', ' ');

    private static bool IsSorted(IReadOnlyList<KeyValuePair<string, string?>> tags)
    {
        for (var i = 1; i < tags.Count; i++)
        {
            if (string.CompareOrdinal(tags[i - 1].Key, tags[i].Key) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static void AppendEscaped(StringBuilder line, string text, bool measurementOnly = false)
    {
        if (text.AsSpan().IndexOfAny(measurementOnly ? ", " : ", =") < 0)
        {
            line.Append(text);
            return;
        }

        foreach (var c in text)
        {
            if (c == ',' || c == ' ' || (c == '=' && !measurementOnly))
            {
                line.Append('\\');
            }

            line.Append(c);
        }
    }
}

/// <summary>InfluxQL text: quoted identifiers and string literals, and times as Unix milliseconds.</summary>
public static class InfluxQl
{
    /// <summary>"name", with double quotes and backslashes escaped.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>'text', with single quotes and backslashes escaped.</summary>
    public static string Literal(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    public static string Time(long unixMs) => unixMs.ToString(CultureInfo.InvariantCulture) + "ms";

    /// <summary>A duration literal in whole hours or minutes (InfluxQL has no days-with-offset shorthand worth relying on).</summary>
    public static string Duration(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerHour == 0
            ? ((long)span.TotalHours).ToString(CultureInfo.InvariantCulture) + "h"
            : ((long)span.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m";
}
