using System.Text;
using System.Text.Json;

namespace IOC.Ingestion.Parsing;

/// <summary>One item of a batch as it arrived: its JSON and its raw text (what the inbox keeps).</summary>
public readonly record struct RawItem(int Index, JsonElement Json, string Raw);

/// <summary>Splits a request body into items: a JSON array (or one object), or NDJSON (one object per line).</summary>
public static class BatchReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static bool IsNdjson(string? contentType) =>
        contentType is not null &&
        (contentType.StartsWith("application/x-ndjson", StringComparison.OrdinalIgnoreCase) ||
         contentType.StartsWith("application/jsonl", StringComparison.OrdinalIgnoreCase) ||
         contentType.StartsWith("application/jsonlines", StringComparison.OrdinalIgnoreCase));

    /// <exception cref="BatchRejectedException">The body is not JSON/NDJSON, or holds more than <paramref name="maxEvents"/> items.</exception>
    public static IReadOnlyList<RawItem> Read(ReadOnlyMemory<byte> body, bool ndjson, int maxEvents) =>
        ndjson ? ReadNdjson(body, maxEvents) : ReadArray(body, maxEvents);

    private static List<RawItem> ReadArray(ReadOnlyMemory<byte> body, int maxEvents)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException ex)
        {
            throw new BatchRejectedException(BatchRejection.Unreadable, $"Body is not valid JSON: {ex.Message}");
        }

        var root = document.RootElement;
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                return [new RawItem(0, root, root.GetRawText())];
            case JsonValueKind.Array:
                var count = root.GetArrayLength();
                if (count > maxEvents)
                {
                    throw TooMany(maxEvents);
                }

                var items = new List<RawItem>(count);
                var index = 0;
                foreach (var element in root.EnumerateArray())
                {
                    items.Add(new RawItem(index++, element, element.GetRawText()));
                }

                return items;
            default:
                throw new BatchRejectedException(BatchRejection.Unreadable, "Body must be a JSON array of events (or one event object).");
        }
    }

    private static List<RawItem> ReadNdjson(ReadOnlyMemory<byte> body, int maxEvents)
    {
        var items = new List<RawItem>();
        var rest = body;
        var line = 0;
        while (!rest.IsEmpty)
        {
            line++;
            var end = rest.Span.IndexOf((byte)'\n');
            var current = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
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
                items.Add(new RawItem(items.Count, document.RootElement, Encoding.UTF8.GetString(current.Span.Trim(" \t\r"u8))));
            }
            catch (JsonException ex)
            {
                throw new BatchRejectedException(BatchRejection.Unreadable, $"Line {line} is not valid JSON: {ex.Message}");
            }
        }

        return items;
    }

    private static BatchRejectedException TooMany(int max) =>
        new(BatchRejection.TooLarge, $"Batch holds more than {max} events, the limit per request (Ingestion:MaxEventsPerRequest).");
}
