using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace IOC.Ingestion.Parsing;

/// <summary>
/// Turns a byte offset in a refused body into what a producer can find in their file: the line and the item.
/// Only runs on the error path, so it may scan the body again.
/// </summary>
internal static class BodyLocator
{
    /// <summary>The offset of the first byte that does not start a valid UTF-8 sequence (the body is known to hold one).</summary>
    public static long FirstInvalidUtf8(ReadOnlySpan<byte> body)
    {
        var chars = ArrayPool<char>.Shared.Rent(64 * 1024);
        try
        {
            long position = 0;
            while (true)
            {
                var status = Utf8.ToUtf16(body[(int)position..], chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
                position += read;
                if (status != OperationStatus.DestinationTooSmall)
                {
                    return position;
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <param name="skipped">Bytes cut from the front (a byte order mark), added back so the offset is the producer's.</param>
    public static BodyLocation Locate(ReadOnlySpan<byte> body, long offset, bool ndjson, int skipped)
    {
        var end = (int)Math.Min(offset, body.Length);
        var before = body[..end];
        var line = before.Count((byte)'\n') + 1;
        var item = ndjson ? NdjsonItem(before) : ArrayItem(before);
        return new BodyLocation(offset + skipped, line, item);
    }

    /// <summary>The body offset of a 0-based line and byte in it, as <see cref="JsonException"/> gives them.</summary>
    public static long OffsetOf(ReadOnlySpan<byte> body, long lineNumber, long bytePositionInLine)
    {
        long offset = 0;
        for (var line = 0L; line < lineNumber; line++)
        {
            var next = body[(int)offset..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            offset += next + 1;
        }

        return Math.Min(offset + bytePositionInLine, body.Length);
    }

    public static string Describe(BodyLocation location) =>
        location.Item is { } item
            ? string.Create(CultureInfo.InvariantCulture, $"line {location.Line}, item {item}")
            : string.Create(CultureInfo.InvariantCulture, $"line {location.Line}");

    /// <summary>System.Text.Json's message without its own 0-based position, which the caller replaces by the body's.</summary>
    public static string Reason(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>NDJSON: the number of non-blank lines before the one holding the offset.</summary>
    private static int NdjsonItem(ReadOnlySpan<byte> before)
    {
        var items = 0;
        while (true)
        {
            var end = before.IndexOf((byte)'\n');
            if (end < 0)
            {
                return items;
            }

            if (!before[..end].Trim(" \t\r"u8).IsEmpty)
            {
                items++;
            }

            before = before[(end + 1)..];
        }
    }

    /// <summary>A JSON array: the index of the element being read at the end of <paramref name="before"/>; null when the root is no array.</summary>
    private static int? ArrayItem(ReadOnlySpan<byte> before)
    {
        var reader = new Utf8JsonReader(before, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = 64 }));
        var items = 0;
        var isArray = false;
        var lastComplete = false;
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.StartArray)
                {
                    isArray = true;
                }
                else if (reader.CurrentDepth == 1)
                {
                    var starts = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray;
                    items += starts || reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.Comment) ? 1 : 0;
                    lastComplete = !starts;
                }
            }
        }
        catch (JsonException)
        {
            // The reader stops where the body breaks; the items started before that point are what count.
        }

        // After a complete element, a comma means the break is in the next one.
        if (lastComplete && before[(int)reader.BytesConsumed..].Contains((byte)','))
        {
            items++;
        }

        return isArray ? Math.Max(0, items - 1) : null;
    }
}
