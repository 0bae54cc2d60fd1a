using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IOC.Ingestion.Parsing;

/// <summary>
/// Reads the fields of one event object and collects every problem, field by field, instead of stopping at the
/// first: a producer fixes all of an item's mistakes in one round. A field that failed reads as null, and rules
/// that compare fields skip it (its own error says enough).
/// </summary>
internal sealed class FieldReader
{
    private readonly List<(string Name, JsonElement Value)> _fields = [];
    private readonly List<FieldError> _errors = [];
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);

    /// <summary>Lists the object's fields; a name or text that is not valid Unicode is reported here, before anything reads it.</summary>
    public FieldReader(JsonElement json)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            if (!TryText(() => property.Name, out var name))
            {
                Fail("(item)", "has a field name that is not valid Unicode (a \\u escape of a lone surrogate)");
                continue;
            }

            // A field is named in the answer: an empty or endless name cannot be, and is no field of any event.
            if (name.Length == 0 || name.Length > EventRules.MaxNameLength)
            {
                Fail("(item)", name.Length == 0 ? "has a field with an empty name" : $"has a field name longer than {EventRules.MaxNameLength} characters");
                continue;
            }

            if (!seen.Add(name))
            {
                Fail(name, "appears more than once");
                continue;
            }

            if (property.Value.ValueKind == JsonValueKind.String && !TryText(() => property.Value.GetString(), out _))
            {
                Fail(name, "is not valid Unicode text (a \\u escape of a lone surrogate)");
                continue;
            }

            _fields.Add((name, property.Value));
        }
    }

    public IReadOnlyList<FieldError> Errors => _errors;

    public IEnumerable<string> Names => _fields.Select(f => f.Name);

    public bool HasFailed(string field) => _failed.Contains(field);

    public void Fail(string field, string reason)
    {
        _errors.Add(new FieldError(field, reason));
        _failed.Add(field);
    }

    /// <summary>A string of at most <paramref name="maxLength"/> characters, or null (missing, null or wrong).</summary>
    public string? String(string field, int maxLength, bool required = true)
    {
        if (!TryGet(field, required, out var p))
        {
            return null;
        }

        if (p.ValueKind != JsonValueKind.String)
        {
            Fail(field, "must be a string");
            return null;
        }

        var value = p.GetString()!;
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(field, "must not be empty");
            return null;
        }

        if (value.Length > maxLength)
        {
            Fail(field, $"is longer than {maxLength} characters");
            return null;
        }

        return value;
    }

    /// <summary>A string that must match <paramref name="pattern"/>; <paramref name="format"/> says what it should look like.</summary>
    public string? Formatted(string field, int maxLength, Regex pattern, string format, bool required = true)
    {
        var value = String(field, maxLength, required);
        if (value is not null && !pattern.IsMatch(value))
        {
            Fail(field, $"'{value}' is not {format}");
            return null;
        }

        return value;
    }

    public string? Identifier(string field, bool required = true) =>
        Formatted(field, EventRules.MaxIdLength, EventRules.Id(), "an id: letters, digits and . _ - : / starting with a letter or digit", required);

    /// <summary>A timestamp with an offset, between <see cref="EventRules.Earliest"/> and <see cref="EventRules.Latest"/>.</summary>
    public DateTimeOffset? Timestamp(string field)
    {
        if (!TryGet(field, required: true, out var element))
        {
            return null;
        }

        var text = String(field, EventRules.MaxTimestampLength);
        if (text is null)
        {
            return null;
        }

        if (!HasOffset(text) || !TryReadTimestamp(element, text, out var value))
        {
            Fail(field, "must be an ISO 8601 timestamp with an offset, e.g. 2025-07-01T08:30:00+07:00");
            return null;
        }

        if (value < EventRules.Earliest || value >= EventRules.Latest)
        {
            Fail(field, $"{text} is outside the years 2000 to 2099");
            return null;
        }

        return value;
    }

    public bool? Bool(string field, bool required = true)
    {
        if (!TryGet(field, required, out var p))
        {
            return null;
        }

        if (p.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return p.GetBoolean();
        }

        Fail(field, required ? "must be true or false" : "must be true, false or null (no fee)");
        return null;
    }

    /// <summary>A number of seconds from 0 to <paramref name="max"/>.</summary>
    public double? Seconds(string field, bool required, double max)
    {
        if (!TryGet(field, required, out var p))
        {
            return null;
        }

        if (p.ValueKind != JsonValueKind.Number || !p.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            Fail(field, "must be a number of seconds");
            return null;
        }

        if (value < 0)
        {
            Fail(field, "must not be negative");
            return null;
        }

        if (value > max)
        {
            Fail(field, $"is more than {max.ToString(CultureInfo.InvariantCulture)} seconds ({TimeSpan.FromSeconds(max).TotalHours:0.#} h); expected seconds");
            return null;
        }

        return value;
    }

    public T? Enum<T>(string field, IReadOnlyDictionary<string, T> names)
        where T : struct
    {
        var text = String(field, EventRules.MaxNameLength);
        if (text is null)
        {
            return null;
        }

        if (!names.TryGetValue(text, out var value))
        {
            Fail(field, $"'{text}' is not one of {string.Join(", ", names.Keys)}");
            return null;
        }

        return value;
    }

    /// <summary>The item's id for the error report: any short string, even one that breaks the id rules.</summary>
    public string? IdForReport() =>
        _fields.FirstOrDefault(f => f.Name == "id").Value is { ValueKind: JsonValueKind.String } p && p.GetString() is { Length: <= EventRules.MaxIdLength } id ? id : null;

    private bool TryGet(string field, bool required, out JsonElement value)
    {
        value = default;
        if (HasFailed(field))
        {
            return false;
        }

        foreach (var (name, element) in _fields)
        {
            if (name == field && element.ValueKind != JsonValueKind.Null)
            {
                value = element;
                return true;
            }
        }

        if (required)
        {
            Fail(field, "is required");
        }

        return false;
    }

    /// <summary>System.Text.Json throws when asked for a string whose \u escapes are not valid UTF-16.</summary>
    private static bool TryText(Func<string?> read, out string text)
    {
        try
        {
            text = read() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>RFC 3339: "...Z" or "...+07:00". A time without an offset is ambiguous, so it is refused.</summary>
    private static bool HasOffset(string text) =>
        text.Length >= 16 && text.IndexOf('T') > 0 &&
        (text[^1] is 'Z' or 'z' || (text[^6] is '+' or '-' && text[^3] == ':' && char.IsAsciiDigit(text[^1]) && char.IsAsciiDigit(text[^5])));

    /// <summary>System.Text.Json's ISO 8601 reader is strict and fast; it only lacks RFC 3339's lower-case "z".</summary>
    private static bool TryReadTimestamp(JsonElement element, string text, out DateTimeOffset value) =>
        text[^1] == 'z'
            ? DateTimeOffset.TryParse(string.Concat(text.AsSpan(0, text.Length - 1), "Z"), CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            : element.TryGetDateTimeOffset(out value);
}
