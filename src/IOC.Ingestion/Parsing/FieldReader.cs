using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IOC.Ingestion.Parsing;

/// <summary>
/// Reads the fields of one event object and collects every problem, field by field, instead of stopping at the
/// first: a producer fixes all of an item's mistakes in one round. A field that failed reads as null, and rules
/// that compare fields skip it (its own error says enough).
/// </summary>
internal sealed class FieldReader : IDisposable
{
    private static readonly IReadOnlyList<FieldError> NoErrors = [];

    // One reader per thread, reused: a valid event then allocates nothing here (Parse is synchronous and keeps no reader).
    [ThreadStatic]
    private static FieldReader? t_free;

    private FieldTable _table = null!;

    // A field of the table is found by comparing UTF-8 names, so a valid event allocates no name strings.
    private readonly JsonElement[] _values = new JsonElement[FieldTable.MaxNames];
    private ulong _present;

    // Most items are valid: these are made on the first unknown field or failure only.
    private List<string>? _unknown;
    private List<FieldError>? _errors;
    private HashSet<string>? _failed;

    private FieldReader()
    {
    }

    /// <summary>
    /// Lists the object's fields against <paramref name="table"/> (the fields of its type, or of every type); a name
    /// that is not valid Unicode, empty, endless or repeated is reported here, others go to <see cref="Unknown"/>.
    /// Dispose the reader when done with it (it goes back to this thread's one).
    /// </summary>
    public static FieldReader Read(JsonElement json, FieldTable table)
    {
        var reader = t_free ?? new FieldReader();
        t_free = null;
        reader.List(json, table);
        return reader;
    }

    public void Dispose()
    {
        // The errors were handed out with the result: the next item starts new lists. The values would keep the
        // batch's JSON alive.
        Array.Clear(_values, 0, _table.Names.Length);
        _present = 0;
        _unknown = null;
        _errors = null;
        _failed = null;
        t_free = this;
    }

    private void List(JsonElement json, FieldTable table)
    {
        _table = table;
        var next = 0;
        foreach (var property in json.EnumerateObject())
        {
            int index;
            try
            {
                index = table.IndexOf(property, next);
            }
            catch (InvalidOperationException)
            {
                // A name whose \u escapes are not valid UTF-16 cannot even be compared; reading it below reports it.
                index = -1;
            }

            if (index >= 0)
            {
                if ((_present & (1UL << index)) != 0)
                {
                    Fail(table.Names[index], "appears more than once");
                    continue;
                }

                _present |= 1UL << index;
                _values[index] = property.Value;
                next = index + 1;
                continue;
            }

            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                // System.Text.Json throws when a name's \u escapes are not valid UTF-16.
                Fail("(item)", "has a field name that is not valid Unicode (a \\u escape of a lone surrogate)");
                continue;
            }

            // A field is named in the answer: an empty or endless name cannot be, and is no field of any event.
            if (name.Length == 0 || name.Length > EventRules.MaxNameLength)
            {
                Fail("(item)", name.Length == 0 ? "has a field with an empty name" : $"has a field name longer than {EventRules.MaxNameLength} characters");
            }
            else if (_unknown?.Contains(name) == true)
            {
                Fail(name, "appears more than once");
            }
            else
            {
                (_unknown ??= []).Add(name);
            }
        }
    }

    public IReadOnlyList<FieldError> Errors => _errors ?? NoErrors;

    /// <summary>The fields that are not in the table, in order (none for a valid event).</summary>
    public IReadOnlyList<string> Unknown => _unknown ?? (IReadOnlyList<string>)[];

    public bool HasFailed(string field) => _failed?.Contains(field) == true;

    public void Fail(string field, string reason)
    {
        (_errors ??= []).Add(new FieldError(field, reason));
        (_failed ??= new HashSet<string>(StringComparer.Ordinal)).Add(field);
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

        string value;
        try
        {
            value = p.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json throws when a string's \u escapes are not valid UTF-16.
            Fail(field, "is not valid Unicode text (a \\u escape of a lone surrogate)");
            return null;
        }

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
        if (!HasFailed(field) && Find(field, out var plain) && TryPlainTimestamp(plain, out var fast))
        {
            return fast;
        }

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

    public T? Enum<T>(string field, Utf8Names<T> names)
        where T : struct
    {
        if (TryKnown(field, names, out var known))
        {
            return known;
        }

        var text = String(field, EventRules.MaxNameLength);
        if (text is null)
        {
            return null;
        }

        if (!names.Names.TryGetValue(text, out var value))
        {
            Fail(field, $"'{text}' is not one of {string.Join(", ", names.Names.Keys)}");
            return null;
        }

        return value;
    }

    /// <summary>
    /// The field's value when it is exactly one of <paramref name="names"/>, read without making a string; false for
    /// anything else (missing, not a string, unknown), which the caller reads the long way for its error.
    /// </summary>
    public bool TryKnown<T>(string field, Utf8Names<T> names, out T value)
    {
        value = default!;
        return !HasFailed(field) && Find(field, out var element) && names.TryGet(element, out value);
    }

    /// <summary>The item's id for the error report: any short string, even one that breaks the id rules.</summary>
    public string? IdForReport()
    {
        if (HasFailed("id") && _errors!.Any(e => e.Field == "id" && e.Reason.StartsWith("is not valid Unicode", StringComparison.Ordinal)))
        {
            return null;
        }

        return Find("id", out var p) && p.ValueKind == JsonValueKind.String && p.GetString() is { Length: <= EventRules.MaxIdLength } id ? id : null;
    }

    private bool Find(string field, out JsonElement value)
    {
        var index = _table.IndexOf(field);
        if (index >= 0 && (_present & (1UL << index)) != 0)
        {
            value = _values[index];
            return true;
        }

        value = default;
        return false;
    }

    private bool TryGet(string field, bool required, out JsonElement value)
    {
        if (HasFailed(field))
        {
            value = default;
            return false;
        }

        if (Find(field, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            Fail(field, "is required");
        }

        return false;
    }

    /// <summary>
    /// A valid timestamp as producers nearly always send it (ASCII, no escapes, upper-case "Z" or an offset), read from
    /// its UTF-8 bytes without making a string; false for anything else, which <see cref="Timestamp"/> reads the long
    /// way with the same rules and gives its error.
    /// </summary>
    private static bool TryPlainTimestamp(JsonElement element, out DateTimeOffset value)
    {
        value = default;
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element);
        var text = raw.Length >= 2 && raw[0] == (byte)'"' ? raw[1..^1] : raw;
        return text.Length <= EventRules.MaxTimestampLength && System.Text.Ascii.IsValid(text) && !text.Contains((byte)'\\') &&
               HasOffset(text) && element.TryGetDateTimeOffset(out value) && value >= EventRules.Earliest && value < EventRules.Latest;
    }

    /// <summary><see cref="HasOffset(string)"/> on ASCII bytes, with upper-case "Z" only.</summary>
    private static bool HasOffset(ReadOnlySpan<byte> text) =>
        text.Length >= 16 && text.IndexOf((byte)'T') > 0 &&
        (text[^1] == 'Z' || (text[^6] is (byte)'+' or (byte)'-' && text[^3] == ':' && char.IsAsciiDigit((char)text[^1]) && char.IsAsciiDigit((char)text[^5])));

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
