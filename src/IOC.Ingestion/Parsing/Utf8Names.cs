using System.Text;
using System.Text.Json;
using IOC.Domain.Events;

namespace IOC.Ingestion.Parsing;

/// <summary>
/// A wire vocabulary (event types, channels, ratings) matched against a JSON string's UTF-8 bytes: a valid event names
/// its type and enums without a string being made for each. Anything that does not match is read the long way, so
/// that its error says what was sent.
/// </summary>
public sealed class Utf8Names<T>(IReadOnlyDictionary<string, T> names)
{
    private readonly (byte[] Utf8, T Value)[] _entries = [.. names.Select(p => (Encoding.UTF8.GetBytes(p.Key), p.Value))];

    public IReadOnlyDictionary<string, T> Names { get; } = names;

    /// <summary>The value named by <paramref name="element"/> when it is a JSON string equal to one of the names.</summary>
    public bool TryGet(JsonElement element, out T value)
    {
        value = default!;
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            foreach (var (utf8, candidate) in _entries)
            {
                if (element.ValueEquals(utf8))
                {
                    value = candidate;
                    return true;
                }
            }
        }
        catch (InvalidOperationException)
        {
            // A \u escape of a lone surrogate cannot be compared; the long way reports it as text that is not Unicode.
        }

        return false;
    }
}

/// <summary><see cref="WireNames"/> for matching on UTF-8.</summary>
public static class Utf8WireNames
{
    public static readonly Utf8Names<EventType> EventTypes = new(WireNames.EventTypes);

    public static readonly Utf8Names<DossierChannel> Channels = new(WireNames.Channels);

    public static readonly Utf8Names<SurveySubject> Subjects = new(WireNames.Subjects);

    public static readonly Utf8Names<SatisfactionRating> Ratings = new(WireNames.Ratings);
}
