using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace IOC.History.Influx;

/// <summary>
/// InfluxDB 1.x line protocol, written straight as UTF-8: <c>measurement,tag=v,tag2=w field=1i,field2=2i timestamp</c>.
/// Commas and spaces are escaped in the measurement; commas, spaces and equals signs in tag keys, tag values and field
/// keys. Tags are sorted by key (InfluxDB's advice) and empty tags left out. Text is UTF-8 as is (Vietnamese needs
/// nothing). Zero fields are left out (a missing field reads as 0 when summed, and a point's fields only grow), but a
/// point keeps at least one field, as the protocol requires. Measurement, tag keys and field keys are escaped and
/// encoded once and kept.
/// </summary>
public static class LineProtocol
{
    private static readonly ConcurrentDictionary<(string, bool), byte[]> Encoded = new();

    /// <summary>Appends one point with integer fields.</summary>
    public static void AppendPoint(
        IBufferWriter<byte> output, string measurement, IReadOnlyList<KeyValuePair<string, string?>> tags,
        IReadOnlyList<string> fieldNames, ReadOnlySpan<long> values, long timestampNs)
    {
        Write(output, Key(measurement, measurementOnly: true));
        foreach (var (key, value) in IsSorted(tags) ? tags : [.. tags.OrderBy(t => t.Key, StringComparer.Ordinal)])
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            Write(output, ","u8);
            Write(output, Key(key));
            Write(output, "="u8);
            WriteEscaped(output, TagValue(value));
        }

        Write(output, " "u8);
        var first = true;
        for (var i = 0; i < fieldNames.Count; i++)
        {
            if (values[i] == 0 && !(first && i == fieldNames.Count - 1))
            {
                continue;
            }

            if (!first)
            {
                Write(output, ","u8);
            }

            Write(output, Key(fieldNames[i]));
            Write(output, "="u8);
            WriteNumber(output, values[i]);
            Write(output, "i"u8);
            first = false;
        }

        Write(output, " "u8);
        WriteNumber(output, timestampNs);
        Write(output, "\n"u8);
    }

    /// <summary>The same point as text (tests, logs).</summary>
    public static string Line(string measurement, IReadOnlyList<KeyValuePair<string, string?>> tags, IReadOnlyList<string> fieldNames, ReadOnlySpan<long> values, long timestampNs)
    {
        var output = new ArrayBufferWriter<byte>();
        AppendPoint(output, measurement, tags, fieldNames, values, timestampNs);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>
    /// What a tag value can carry in InfluxDB 1.x: a backslash before a separator or at the end of a value cannot
    /// be written (1.6 rejects or keeps the escape), and a line break ends the line; so backslashes become slashes
    /// and line breaks spaces. Both stores store the cleaned value, so they agree.
    /// </summary>
    public static string TagValue(string value) =>
        value.AsSpan().IndexOfAny('\\', '\n', '\r') < 0 ? value : value.Replace('\\', '/').Replace('\n', ' ').Replace('\r', ' ');

    private static byte[] Key(string text, bool measurementOnly = false) =>
        Encoded.GetOrAdd((text, measurementOnly), k => Encoding.UTF8.GetBytes(Escape(k.Item1, k.Item2)));

    private static string Escape(string text, bool measurementOnly)
    {
        var special = measurementOnly ? ", " : ", =";
        if (text.AsSpan().IndexOfAny(special) < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (special.Contains(c))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static void WriteEscaped(IBufferWriter<byte> output, string text)
    {
        var value = Escape(text, measurementOnly: false);
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
        output.Advance(Encoding.UTF8.GetBytes(value, span));
    }

    private static void WriteNumber(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
    }

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

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
