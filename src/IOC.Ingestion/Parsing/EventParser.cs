using System.Text.Json;
using IOC.Domain.Events;
using IOC.Domain.Units;

namespace IOC.Ingestion.Parsing;

/// <summary>
/// Reads one event object against the schema in DESIGN.md. The first problem found is reported with the
/// field it concerns; nothing is guessed or defaulted for a required field.
/// </summary>
public sealed class EventParser(UnitCatalog units)
{
    /// <summary>Producers' clocks drift; beyond this an event "from the future" is a bug on their side.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public const int MaxIdLength = 128;

    /// <param name="now">Ingestion time for the "not in the future" rules; null when replaying the inbox (already checked).</param>
    public ParseResult Parse(in RawItem item, DateTimeOffset? now)
    {
        var reader = new FieldReader(item.Json, item.Index);
        if (item.Json.ValueKind != JsonValueKind.Object)
        {
            return reader.Fail("(item)", "must be a JSON object");
        }

        var id = reader.String("id", MaxIdLength);
        var typeName = reader.String("type", 64);
        if (reader.Error is { } early)
        {
            return early;
        }

        if (!WireNames.EventTypes.TryGetValue(typeName!, out var type))
        {
            return reader.Fail("type", $"unknown event type '{typeName}'; expected one of {string.Join(", ", WireNames.EventTypes.Keys)}");
        }

        var at = reader.Timestamp("at");
        var unit = reader.OptionalString("unit", 16);
        var agency = reader.OptionalString("agency", 32);
        if (reader.Error is null)
        {
            if (unit is null && agency is null)
            {
                reader.Fail("unit", "is required (a 5-digit ward code) unless 'agency' is given");
            }
            else if (unit is not null && !units.IsWard(unit))
            {
                reader.Fail("unit", $"unknown unit code '{unit}'");
            }
            else if (agency is not null && !units.IsAgency(agency))
            {
                reader.Fail("agency", $"unknown agency code '{agency}'");
            }
            else if (now is { } n && at > n + MaxClockSkew)
            {
                reader.Fail("at", "is more than 5 minutes in the future");
            }
        }

        if (reader.Error is { } commonError)
        {
            return commonError;
        }

        var e = type switch
        {
            EventType.HotlineCall => Call(ref reader),
            EventType.HotlineTicketOpened => new TicketOpened
            {
                Id = id!, At = at, Unit = unit, Agency = agency,
                TicketId = reader.String("ticketId", MaxIdLength)!,
                DueAt = reader.Timestamp("dueAt"),
            },
            EventType.HotlineTicketResolved => new TicketResolved
            {
                Id = id!, At = at, Unit = unit, Agency = agency,
                TicketId = reader.String("ticketId", MaxIdLength)!,
                DueAt = reader.Timestamp("dueAt"),
                ResolvedAt = reader.NotFuture("resolvedAt", reader.Timestamp("resolvedAt"), now),
            },
            EventType.DossierReceived => Received(ref reader),
            EventType.DossierCompleted => new DossierCompleted
            {
                Id = id!, At = at, Unit = unit, Agency = agency,
                DossierId = reader.String("dossierId", MaxIdLength)!,
                DueAt = reader.Timestamp("dueAt"),
                CompletedAt = reader.NotFuture("completedAt", reader.Timestamp("completedAt"), now),
                ResultDigitized = reader.Bool("resultDigitized"),
                FeePaidOnline = reader.OptionalBool("feePaidOnline"),
            },
            EventType.SurveyResponse => new SurveyResponse
            {
                Id = id!, At = at, Unit = unit, Agency = agency,
                Subject = reader.Enum("subject", WireNames.Subjects),
                Rating = reader.Enum("rating", WireNames.Ratings),
            },
            EventType.DocumentProcessed => Document(ref reader),
            _ => throw new InvalidOperationException($"No parser for {type}."),
        };

        return reader.Error ?? new ParseResult(e, null);

        IocEvent Call(ref FieldReader r)
        {
            var answered = r.Bool("answered");
            var wait = r.Seconds("waitSeconds", required: true);
            var handle = r.Seconds("handleSeconds", required: answered);
            return new HotlineCall { Id = id!, At = at, Unit = unit, Agency = agency, Answered = answered, WaitSeconds = wait ?? 0, HandleSeconds = answered ? handle : null };
        }

        IocEvent Received(ref FieldReader r)
        {
            var received = new DossierReceived
            {
                Id = id!, At = at, Unit = unit, Agency = agency,
                DossierId = r.String("dossierId", MaxIdLength)!,
                Procedure = r.String("procedure", 64)!,
                Channel = r.Enum("channel", WireNames.Channels),
                FullProcessOnline = r.Bool("fullProcessOnline"),
                OnDigitalPlatform = r.Bool("onDigitalPlatform"),
                DueAt = r.Timestamp("dueAt"),
            };
            if (r.Error is null && received.FullProcessOnline && received.Channel != DossierChannel.Online)
            {
                r.Fail("fullProcessOnline", "a full-process online dossier must be received through channel 'online'");
            }
            else if (r.Error is null && received.DueAt < received.At)
            {
                r.Fail("dueAt", "is before the dossier was received ('at')");
            }

            return received;
        }

        IocEvent Document(ref FieldReader r)
        {
            var digital = r.Bool("digital");
            var signed = r.Bool("signedDigitally");
            if (r.Error is null && signed && !digital)
            {
                r.Fail("signedDigitally", "a digitally signed document is processed digitally; 'digital' must be true");
            }

            return new DocumentProcessed { Id = id!, At = at, Unit = unit, Agency = agency, Digital = digital, SignedDigitally = signed };
        }
    }

    /// <summary>RFC 3339: "...Z" or "...+07:00". A time without an offset is ambiguous, so it is refused.</summary>
    private static bool HasOffset(string text) =>
        text.Length >= 16 && text.IndexOf('T') > 0 &&
        (text[^1] is 'Z' or 'z' || (text[^6] is '+' or '-' && text[^3] == ':' && char.IsAsciiDigit(text[^1]) && char.IsAsciiDigit(text[^5])));

    /// <summary>System.Text.Json's ISO 8601 reader is strict and fast; it only lacks RFC 3339's lower-case "z".</summary>
    private static bool TryReadTimestamp(JsonElement element, string text, out DateTimeOffset value) =>
        text[^1] == 'z'
            ? DateTimeOffset.TryParse(string.Concat(text.AsSpan(0, text.Length - 1), "Z"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out value)
            : element.TryGetDateTimeOffset(out value);

    /// <summary>Reads fields one by one and keeps the first error; later reads become no-ops.</summary>
    private struct FieldReader(JsonElement json, int index)
    {
        private string? _id;

        public ParseResult? Error { get; private set; }

        public ParseResult Fail(string field, string reason)
        {
            Error ??= new ParseResult(null, new ItemError(index, _id ?? TryId(), field, reason));
            return Error;
        }

        public string? String(string field, int maxLength) => String(field, maxLength, out _);

        /// <param name="element">The property read, so a caller parsing it further does not look it up again.</param>
        private string? String(string field, int maxLength, out JsonElement element)
        {
            var value = OptionalString(field, maxLength, out element);
            if (value is null && Error is null)
            {
                Fail(field, "is required");
            }

            if (field == "id")
            {
                _id = value;
            }

            return value;
        }

        public string? OptionalString(string field, int maxLength) => OptionalString(field, maxLength, out _);

        private string? OptionalString(string field, int maxLength, out JsonElement p)
        {
            p = default;
            if (Error is not null || !json.TryGetProperty(field, out p) || p.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (p.ValueKind != JsonValueKind.String)
            {
                Fail(field, "must be a string");
                return null;
            }

            var value = p.GetString()!;
            if (value.Length == 0 || string.IsNullOrWhiteSpace(value))
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

        public DateTimeOffset Timestamp(string field)
        {
            var text = String(field, 64, out var element);
            if (text is null)
            {
                return default;
            }

            if (!HasOffset(text) || !TryReadTimestamp(element, text, out var value))
            {
                Fail(field, "must be an ISO 8601 timestamp with an offset, e.g. 2025-07-01T08:30:00+07:00");
                return default;
            }

            return value;
        }

        public DateTimeOffset NotFuture(string field, DateTimeOffset value, DateTimeOffset? now)
        {
            if (Error is null && now is { } n && value > n + MaxClockSkew)
            {
                Fail(field, "is more than 5 minutes in the future");
            }

            return value;
        }

        public bool Bool(string field)
        {
            if (Error is not null)
            {
                return false;
            }

            if (!json.TryGetProperty(field, out var p) || p.ValueKind == JsonValueKind.Null)
            {
                Fail(field, "is required");
                return false;
            }

            if (p.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Fail(field, "must be true or false");
                return false;
            }

            return p.GetBoolean();
        }

        public bool? OptionalBool(string field)
        {
            if (Error is not null || !json.TryGetProperty(field, out var p) || p.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (p.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return p.GetBoolean();
            }

            Fail(field, "must be true, false or null (no fee)");
            return null;
        }

        public double? Seconds(string field, bool required)
        {
            if (Error is not null)
            {
                return null;
            }

            if (!json.TryGetProperty(field, out var p) || p.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Fail(field, "is required");
                }

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

            if (value > TimeSpan.FromDays(1).TotalSeconds)
            {
                Fail(field, "is more than a day; expected seconds");
                return null;
            }

            return value;
        }

        public T Enum<T>(string field, IReadOnlyDictionary<string, T> names)
            where T : struct
        {
            var text = String(field, 64);
            if (text is null)
            {
                return default;
            }

            if (!names.TryGetValue(text, out var value))
            {
                Fail(field, $"'{text}' is not one of {string.Join(", ", names.Keys)}");
            }

            return value;
        }

        private readonly string? TryId() =>
            json.ValueKind == JsonValueKind.Object && json.TryGetProperty("id", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
    }
}

/// <summary>Either an event or the reason it was rejected.</summary>
public sealed record ParseResult(IocEvent? Event, ItemError? Error);
