using IOC.Domain.Events;

namespace IOC.Ingestion.Parsing;

/// <summary>How a field is written on the wire.</summary>
public enum FieldKind
{
    /// <summary>A string of <see cref="EventRules.IdPattern"/>.</summary>
    Id,

    /// <summary>A string matching <see cref="FieldSpec.Pattern"/>.</summary>
    Code,

    /// <summary>RFC 3339 date-time with an offset.</summary>
    Timestamp,

    Boolean,

    /// <summary>A JSON number of seconds, from 0 to <see cref="FieldSpec.Maximum"/>.</summary>
    Seconds,

    /// <summary>One of <see cref="FieldSpec.Values"/>.</summary>
    Enum,

    /// <summary>Free text up to <see cref="FieldSpec.MaxLength"/> characters.</summary>
    Text,
}

/// <summary>One field of the wire schema: what the parser reads, the OpenAPI document declares and docs/events.md describes.</summary>
public sealed record FieldSpec(string Name, FieldKind Kind, bool Required, string Description)
{
    public int MaxLength { get; init; }

    public string? Pattern { get; init; }

    public double? Maximum { get; init; }

    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>JSON null is allowed and means something (feePaidOnline: no fee).</summary>
    public bool Nullable { get; init; }
}

/// <summary>
/// The fields of each event type. The parser refuses any other field (a misspelt <c>"unti"</c> is an error, not
/// silently ignored), and the OpenAPI schema is built from this table, so the two cannot drift apart.
/// </summary>
public static class EventSchema
{
    public static readonly IReadOnlyList<FieldSpec> Common =
    [
        new("id", FieldKind.Id, true, "Producer-unique id of the event, the dedupe key: sending it again counts nothing twice.") { MaxLength = EventRules.MaxIdLength, Pattern = EventRules.IdPattern },
        new("type", FieldKind.Enum, true, "The event type.") { Values = [.. WireNames.EventTypes.Keys] },
        new("at", FieldKind.Timestamp, true, "When it happened, with an offset. At most 5 minutes ahead of the server's clock and at most Ingestion:MaxEventAgeDays (400) days old."),
        new("unit", FieldKind.Code, false, "The ward's official 5-digit code; required unless agency is given.") { MaxLength = 5, Pattern = EventRules.UnitPattern },
        new("agency", FieldKind.Code, false, "The city agency's code (agencies.csv); required unless unit is given.") { MaxLength = EventRules.MaxAgencyLength, Pattern = EventRules.AgencyPattern },
    ];

    public static readonly IReadOnlyDictionary<EventType, IReadOnlyList<FieldSpec>> Specific = new Dictionary<EventType, IReadOnlyList<FieldSpec>>
    {
        [EventType.HotlineCall] =
        [
            new("answered", FieldKind.Boolean, true, "Whether an agent answered the call."),
            new("waitSeconds", FieldKind.Seconds, true, "Seconds the caller waited before being answered or hanging up.") { Maximum = EventRules.MaxWaitSeconds },
            new("handleSeconds", FieldKind.Seconds, false, "Talk + hold + wrap seconds; required when answered is true, ignored otherwise.") { Maximum = EventRules.MaxHandleSeconds },
        ],
        [EventType.HotlineTicketOpened] =
        [
            Id("ticketId", "The feedback ticket's id in the hotline system."),
            new("dueAt", FieldKind.Timestamp, true, "When the ticket must be resolved: not before at, at most 730 days after it."),
        ],
        [EventType.HotlineTicketResolved] =
        [
            Id("ticketId", "The feedback ticket's id (the one its hotline.ticket.opened carried)."),
            new("dueAt", FieldKind.Timestamp, true, "When the ticket was due: within 730 days of at."),
            new("resolvedAt", FieldKind.Timestamp, true, "When it was resolved: not after at (5 minutes' skew allowed), at most 730 days before it."),
        ],
        [EventType.DossierReceived] =
        [
            Id("dossierId", "The dossier's id in the one-stop system."),
            new("procedure", FieldKind.Code, true, "The procedure's code in the National Database on Administrative Procedures, e.g. 1.001612 or 1.001612.000.00.00.H26.") { MaxLength = EventRules.MaxProcedureLength, Pattern = EventRules.ProcedurePattern },
            new("procedureName", FieldKind.Text, false, "The procedure's name as the one-stop system shows it; IOC keeps the latest name per code.") { MaxLength = EventRules.MaxProcedureNameLength },
            new("channel", FieldKind.Enum, true, "How it was received.") { Values = [.. WireNames.Channels.Keys] },
            new("fullProcessOnline", FieldKind.Boolean, true, "Received through a full-process online public service (then channel must be online)."),
            new("onDigitalPlatform", FieldKind.Boolean, true, "Received or processed on the electronic one-stop system."),
            new("dueAt", FieldKind.Timestamp, true, "The legal due time: not before at, at most 730 days after it."),
        ],
        [EventType.DossierCompleted] =
        [
            Id("dossierId", "The dossier's id (the one its dossier.received carried)."),
            new("procedure", FieldKind.Code, false, "The procedure's code, as on dossier.received; lets IOC count a dossier whose receipt it never saw under its procedure.") { MaxLength = EventRules.MaxProcedureLength, Pattern = EventRules.ProcedurePattern },
            new("dueAt", FieldKind.Timestamp, true, "When the dossier was due: within 730 days of at."),
            new("completedAt", FieldKind.Timestamp, true, "When the result was ready: not after at (5 minutes' skew allowed), at most 730 days before it, not before the dossier was received."),
            new("resultDigitized", FieldKind.Boolean, true, "The result was digitized."),
            new("feePaidOnline", FieldKind.Boolean, false, "The fee was paid online; null or absent when the procedure has no fee.") { Nullable = true },
        ],
        [EventType.SurveyResponse] =
        [
            new("subject", FieldKind.Enum, true, "What the answer is about.") { Values = [.. WireNames.Subjects.Keys] },
            new("rating", FieldKind.Enum, true, "The answer on the five-point scale.") { Values = [.. WireNames.Ratings.Keys] },
        ],
        [EventType.DocumentProcessed] =
        [
            new("digital", FieldKind.Boolean, true, "Processed in the digital environment."),
            new("signedDigitally", FieldKind.Boolean, true, "Signed with a digital signature (then digital must be true)."),
        ],
    };

    /// <summary>Every field an event of <paramref name="type"/> may carry.</summary>
    public static IEnumerable<FieldSpec> Fields(EventType type) => Common.Concat(Specific[type]);

    public static bool IsField(EventType type, string name) => Tables[type].IndexOf(name) >= 0;

    /// <summary>The fields of each type, and of every type together (for an item whose type is unknown).</summary>
    public static readonly IReadOnlyDictionary<EventType, FieldTable> Tables =
        Specific.ToDictionary(p => p.Key, p => new FieldTable(Common.Concat(p.Value).Select(f => f.Name)));

    public static readonly FieldTable AllFields = new(Common.Concat(Specific.Values.SelectMany(f => f)).Select(f => f.Name));

    /// <summary>The table for an item: its type's when "type" names one, else every field.</summary>
    public static FieldTable TableFor(System.Text.Json.JsonElement item)
    {
        try
        {
            return item.TryGetProperty("type"u8, out var type) && Utf8WireNames.EventTypes.TryGet(type, out var known)
                ? Tables[known]
                : AllFields;
        }
        catch (InvalidOperationException)
        {
            // A field name with a \u escape of a lone surrogate cannot be compared (a type value with one is no match
            // in TryGet); the reader reports it.
            return AllFields;
        }
    }

    /// <summary>The field of <paramref name="type"/> a misspelt name most likely meant, or null when none is close.</summary>
    public static string? Suggest(EventType? type, string name)
    {
        var candidates = type is { } t ? Fields(t) : Common.Concat(Specific.Values.SelectMany(f => f));
        return candidates
            .Select(f => (f.Name, Distance: Distance(f.Name.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(1, c.Name.Length / 4))
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    private static FieldSpec Id(string name, string description) =>
        new(name, FieldKind.Id, true, description) { MaxLength = EventRules.MaxIdLength, Pattern = EventRules.IdPattern };

    /// <summary>Optimal string alignment distance: an edit, insertion, deletion or swap of neighbours costs one.</summary>
    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3 || b.Length > 64)
        {
            return int.MaxValue;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

/// <summary>Field names with their position: looked up by string, or matched against a JSON property's UTF-8 name without allocating.</summary>
public sealed class FieldTable
{
    private readonly byte[][] _utf8;
    private readonly Dictionary<string, int> _index;

    /// <summary>A field is a bit of a 64-bit mask while an item is read.</summary>
    public const int MaxNames = 64;

    public FieldTable(IEnumerable<string> names)
    {
        Names = [.. names.Distinct(StringComparer.Ordinal)];
        if (Names.Length > MaxNames)
        {
            throw new ArgumentException("A field table holds at most 64 names (a bit each).", nameof(names));
        }

        _utf8 = [.. Names.Select(n => System.Text.Encoding.UTF8.GetBytes(n))];
        _index = Names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
    }

    public string[] Names { get; }

    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    /// <summary>
    /// The property's position, looked for from <paramref name="from"/> on (and round): producers write an event's
    /// fields in the schema's order, so the next field is nearly always the first compared.
    /// </summary>
    public int IndexOf(System.Text.Json.JsonProperty property, int from = 0)
    {
        for (var k = 0; k < _utf8.Length; k++)
        {
            var i = (from + k) % _utf8.Length;
            if (property.NameEquals(_utf8[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
