using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace IOC.Ingestion.Parsing;

/// <summary>
/// One item of a batch as it arrived: its JSON and its raw UTF-8 text (what the inbox keeps). An NDJSON line's text
/// is a slice of the request body, not a copy: the body outlives the request's commit.
/// </summary>
public readonly record struct RawItem(int Index, JsonElement Json, ReadOnlyMemory<byte> Utf8)
{
    /// <summary>The raw text as a string (a copy: for reports and tests, not the ingestion path).</summary>
    public string Text => Encoding.UTF8.GetString(Utf8.Span);
}

/// <summary>Splits a request body into items: a JSON array (or one object), or NDJSON (one object per line).</summary>
public static class BatchReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static bool IsNdjson(string? contentType) =>
        contentType is not null &&
        (contentType.StartsWith("application/x-ndjson", StringComparison.OrdinalIgnoreCase) ||
         contentType.StartsWith("application/jsonl", StringComparison.OrdinalIgnoreCase) ||
         contentType.StartsWith("application/jsonlines", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a body; dispose the result when done with its items (it returns pooled buffers).</summary>
    /// <exception cref="BatchRejectedException">The body is not UTF-8 JSON/NDJSON, or holds more than <paramref name="maxEvents"/>
    /// items; <see cref="BatchRejectedException.Location"/> says where.</exception>
    public static RawBatch Read(ReadOnlyMemory<byte> body, bool ndjson, int maxEvents)
    {
        // Files saved by some Windows editors start with a UTF-8 byte order mark; it is not part of the JSON.
        var skipped = 0;
        if (body.Span.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
            skipped = 3;
        }

        // JsonDocument does not check the bytes inside strings; reading such a string later would throw, so the
        // whole body is checked here (a vectorised pass) and refused with the place of the first bad byte.
        if (!Utf8.IsValid(body.Span))
        {
            var offset = BodyLocator.FirstInvalidUtf8(body.Span);
            var location = BodyLocator.Locate(body.Span, offset, ndjson, skipped);
            throw new BatchRejectedException(
                BatchRejection.Unreadable,
                $"Body is not valid UTF-8: the byte at offset {location.ByteOffset} ({BodyLocator.Describe(location)}) does not start a valid UTF-8 sequence. Send the events as UTF-8 text.",
                location);
        }

        var batch = new RawBatch();
        try
        {
            if (ndjson)
            {
                ReadNdjson(body, maxEvents, batch, skipped);
            }
            else
            {
                ReadArray(body, maxEvents, batch, skipped);
            }

            return batch;
        }
        catch
        {
            batch.Dispose();
            throw;
        }
    }

    private static void ReadArray(ReadOnlyMemory<byte> body, int maxEvents, RawBatch batch, int skipped)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException ex)
        {
            var offset = BodyLocator.OffsetOf(body.Span, ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
            var location = BodyLocator.Locate(body.Span, offset, ndjson: false, skipped);
            throw new BatchRejectedException(
                BatchRejection.Unreadable, $"Body is not valid JSON at byte offset {location.ByteOffset} ({BodyLocator.Describe(location)}): {BodyLocator.Reason(ex)}", location);
        }

        batch.Documents.Add(document);
        var root = document.RootElement;
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                batch.Items.Add(new RawItem(0, root, JsonMarshal.GetRawUtf8Value(root).ToArray()));
                return;
            case JsonValueKind.Array:
                var count = root.GetArrayLength();
                if (count > maxEvents)
                {
                    throw TooMany(maxEvents);
                }

                var index = 0;
                foreach (var element in root.EnumerateArray())
                {
                    batch.Items.Add(new RawItem(index++, element, JsonMarshal.GetRawUtf8Value(element).ToArray()));
                }

                return;
            default:
                throw new BatchRejectedException(
                    BatchRejection.Unreadable, $"Body must be a JSON array of events (or one event object), not a {root.ValueKind.ToString().ToLowerInvariant()}.", new BodyLocation(skipped, 1, null));
        }
    }

    private static void ReadNdjson(ReadOnlyMemory<byte> body, int maxEvents, RawBatch batch, int skipped)
    {
        var items = batch.Items;
        var rest = body;
        var line = 0;
        var lineStart = 0;
        while (!rest.IsEmpty)
        {
            line++;
            var end = rest.Span.IndexOf((byte)'\n');
            var current = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            var start = lineStart;
            lineStart += current.Length + 1;
            if (current.Span.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            if (items.Count == maxEvents)
            {
                throw TooMany(maxEvents);
            }

            try
            {
                var document = JsonDocument.Parse(current, Options);
                batch.Documents.Add(document);
                items.Add(new RawItem(items.Count, document.RootElement, Trim(current)));
            }
            catch (JsonException ex)
            {
                var location = new BodyLocation(skipped + start + (ex.BytePositionInLine ?? 0), line, items.Count);
                throw new BatchRejectedException(
                    BatchRejection.Unreadable, $"Line {line} is not valid JSON (item {items.Count}, byte offset {location.ByteOffset}): {BodyLocator.Reason(ex)}", location);
            }
        }
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> line)
    {
        var span = line.Span;
        var start = span.Length - span.TrimStart(" \t\r"u8).Length;
        return line[start..(start + span.Trim(" \t\r"u8).Length)];
    }

    private static BatchRejectedException TooMany(int max) =>
        new(BatchRejection.TooLarge, $"Batch holds more than {max} events, the limit per request (Ingestion:MaxEventsPerRequest).");
}

/// <summary>The items of one body and the parsed documents behind them (disposed together).</summary>
public sealed class RawBatch : IReadOnlyList<RawItem>, IDisposable
{
    internal List<RawItem> Items { get; } = [];

    internal List<JsonDocument> Documents { get; } = [];

    public int Count => Items.Count;

    public RawItem this[int index] => Items[index];

    public IEnumerator<RawItem> GetEnumerator() => Items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        foreach (var document in Documents)
        {
            document.Dispose();
        }

        Documents.Clear();
    }
}
