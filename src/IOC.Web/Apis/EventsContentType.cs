using Microsoft.Net.Http.Headers;

namespace IOC.Web.Apis;

/// <summary>The media types the events endpoint reads: a JSON array (or one object), or NDJSON; UTF-8 only.</summary>
public static class EventsContentType
{
    public const string Json = "application/json";

    public const string Ndjson = "application/x-ndjson";

    /// <summary>Also read as NDJSON: the JSON Lines names some tools send.</summary>
    public static readonly string[] All = [Json, Ndjson, "application/jsonl", "application/jsonlines"];

    /// <summary>Why a request's Content-Type cannot be read, or null when it can.</summary>
    public static string? Check(string? contentType)
    {
        const string Expected = "Send Content-Type application/json (a JSON array of events, or one event object) or application/x-ndjson (one event per line).";
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return "The request has no Content-Type. " + Expected;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || !All.Contains(media.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            return $"Content-Type '{contentType}' is not read here. " + Expected;
        }

        return media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            ? $"Charset '{media.Charset}' is not read here: events are UTF-8 text (charset=utf-8 or none)."
            : null;
    }
}
