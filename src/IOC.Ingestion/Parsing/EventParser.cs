using System.Text.Json;
using IOC.Domain.Events;
using IOC.Domain.Units;

namespace IOC.Ingestion.Parsing;

/// <summary>
/// Reads one event object against the wire schema (<see cref="EventSchema"/>, docs/events.md) and its bounds
/// (<see cref="EventRules"/>). Every problem of the item is reported with the field it concerns; nothing is guessed
/// or defaulted for a required field, and a field the type does not have is an error.
/// </summary>
public sealed class EventParser(UnitCatalog units, IngestionOptions? options = null)
{
    /// <summary>Producers' clocks drift; beyond this an event "from the future" is a bug on their side.</summary>
    public static readonly TimeSpan MaxClockSkew = EventRules.MaxClockSkew;

    public const int MaxIdLength = EventRules.MaxIdLength;

    private readonly int _maxAgeDays = options?.MaxEventAgeDays ?? EventRules.DefaultMaxEventAgeDays;

    /// <param name="now">Ingestion time for the rules relative to the clock (not in the future, not too old); null when
    /// replaying the inbox, whose events were checked against the clock when they came in.</param>
    public ParseResult Parse(in RawItem item, DateTimeOffset? now)
    {
        if (item.Json.ValueKind != JsonValueKind.Object)
        {
            return Rejected(item.Index, null, [new FieldError("(item)", "must be a JSON object")]);
        }

        using var r = FieldReader.Read(item.Json, EventSchema.TableFor(item.Json));
        var id = r.Identifier("id");
        var type = Type(r);
        var at = r.Timestamp("at");
        var (unit, agency) = Place(r);
        if (at is { } a && now is { } n)
        {
            CheckClock(r, "at", a, n);
        }

        if (type is { } t)
        {
            foreach (var name in r.Unknown)
            {
                var guess = EventSchema.Suggest(t, name);
                r.Fail(name, $"is not a field of {t.ToWire()} events" + (guess is null ? "" : $"; did you mean '{guess}'?"));
            }
        }

        // The common fields go in as read: the event is returned only when none of them failed.
        var e = type is { } known ? Specific(r, known, at, now, new Common(id ?? "", at ?? default, unit, agency)) : null;
        if (r.Errors.Count > 0 || e is null)
        {
            return Rejected(item.Index, r.IdForReport(), r.Errors.Count > 0 ? r.Errors : [new FieldError("type", "is required")]);
        }

        return new ParseResult(e, null);
    }

    private static EventType? Type(FieldReader r)
    {
        if (r.TryKnown("type", Utf8WireNames.EventTypes, out var known))
        {
            return known;
        }

        var name = r.String("type", EventRules.MaxNameLength);
        if (name is null)
        {
            return null;
        }

        if (WireNames.EventTypes.TryGetValue(name, out var type))
        {
            return type;
        }

        r.Fail("type", $"unknown event type '{name}'; expected one of {string.Join(", ", WireNames.EventTypes.Keys)}");
        return null;
    }

    private (string? Unit, string? Agency) Place(FieldReader r)
    {
        var unit = r.String("unit", 16, required: false);
        var agency = r.String("agency", EventRules.MaxAgencyLength, required: false);
        if (unit is null && agency is null && !r.HasFailed("unit") && !r.HasFailed("agency"))
        {
            r.Fail("unit", "is required (a 5-digit ward code) unless 'agency' is given");
        }

        if (unit is not null && !units.IsWard(unit))
        {
            r.Fail("unit", EventRules.Unit().IsMatch(unit) ? $"unknown unit code '{unit}'" : $"unknown unit code '{unit}': a ward code has 5 digits");
        }

        if (agency is not null && !units.IsAgency(agency))
        {
            r.Fail("agency", $"unknown agency code '{agency}'");
        }

        return (unit, agency);
    }

    /// <summary>"at" is at most 5 minutes ahead of the server and at most Ingestion:MaxEventAgeDays old.</summary>
    private void CheckClock(FieldReader r, string field, DateTimeOffset value, DateTimeOffset now)
    {
        if (value > now + MaxClockSkew)
        {
            r.Fail(field, "is more than 5 minutes in the future");
        }
        else if (field == "at" && value < EventRules.OldestAt(now, _maxAgeDays))
        {
            r.Fail(field, $"is more than {_maxAgeDays} days old (Ingestion:MaxEventAgeDays)");
        }
    }

    /// <summary>The fields every event has, as read (placeholders for failed ones: the event is then not returned).</summary>
    private readonly record struct Common(string Id, DateTimeOffset At, string? Unit, string? Agency);

    /// <summary>The type's own fields, with the common ones (<paramref name="at"/>: null when it failed).</summary>
    private static IocEvent? Specific(FieldReader r, EventType type, DateTimeOffset? at, DateTimeOffset? now, Common common)
    {
        switch (type)
        {
            case EventType.HotlineCall:
                var answered = r.Bool("answered");
                var wait = r.Seconds("waitSeconds", required: true, EventRules.MaxWaitSeconds);
                var handle = r.Seconds("handleSeconds", required: answered == true, EventRules.MaxHandleSeconds);
                return answered is { } ans && wait is { } w
                    ? new HotlineCall { Id = common.Id, At = common.At, Unit = common.Unit, Agency = common.Agency, Answered = ans, WaitSeconds = w, HandleSeconds = ans ? handle : null }
                    : null;
            case EventType.HotlineTicketOpened:
                var ticket = r.Identifier("ticketId");
                var due = Due(r, at, notBeforeAt: "is before the ticket was opened ('at')");
                return ticket is not null && due is { } d ? new TicketOpened { Id = common.Id, At = common.At, Unit = common.Unit, Agency = common.Agency, TicketId = ticket, DueAt = d } : null;
            case EventType.HotlineTicketResolved:
                var resolvedTicket = r.Identifier("ticketId");
                var ticketDue = Due(r, at, notBeforeAt: null);
                var resolved = Finished(r, "resolvedAt", at, now);
                return resolvedTicket is not null && ticketDue is { } td && resolved is { } rs
                    ? new TicketResolved { Id = common.Id, At = common.At, Unit = common.Unit, Agency = common.Agency, TicketId = resolvedTicket, DueAt = td, ResolvedAt = rs }
                    : null;
            case EventType.DossierReceived:
                return Received(r, at, common);
            case EventType.DossierCompleted:
                return Completed(r, at, now, common);
            case EventType.SurveyResponse:
                var subject = r.Enum("subject", Utf8WireNames.Subjects);
                var rating = r.Enum("rating", Utf8WireNames.Ratings);
                return subject is { } s && rating is { } g ? new SurveyResponse { Id = common.Id, At = common.At, Unit = common.Unit, Agency = common.Agency, Subject = s, Rating = g } : null;
            case EventType.DocumentProcessed:
                var digital = r.Bool("digital");
                var signed = r.Bool("signedDigitally");
                if (signed == true && digital == false)
                {
                    r.Fail("signedDigitally", "a digitally signed document is processed digitally; 'digital' must be true");
                }

                return digital is { } dg && signed is { } sg ? new DocumentProcessed { Id = common.Id, At = common.At, Unit = common.Unit, Agency = common.Agency, Digital = dg, SignedDigitally = sg } : null;
            default:
                throw new InvalidOperationException($"No parser for {type}.");
        }
    }

    private static DossierReceived? Received(FieldReader r, DateTimeOffset? at, Common common)
    {
        var dossier = r.Identifier("dossierId");
        var procedure = Procedure(r, required: true);
        var name = r.String("procedureName", EventRules.MaxProcedureNameLength, required: false);
        if (name is not null && !EventRules.IsProcedureName(name))
        {
            r.Fail("procedureName", "must start with a letter or digit and hold no control characters");
            name = null;
        }

        var channel = r.Enum("channel", Utf8WireNames.Channels);
        var fullProcess = r.Bool("fullProcessOnline");
        var onPlatform = r.Bool("onDigitalPlatform");
        var due = Due(r, at, notBeforeAt: "is before the dossier was received ('at')");
        if (fullProcess == true && channel is { } c && c != DossierChannel.Online)
        {
            r.Fail("fullProcessOnline", "a full-process online dossier must be received through channel 'online'");
        }

        return dossier is not null && procedure is not null && channel is { } ch && fullProcess is { } fp && onPlatform is { } op && due is { } d
            ? new DossierReceived
            {
                Id = common.Id, At = common.At, Unit = common.Unit, Agency = common.Agency, DossierId = dossier, Procedure = procedure, ProcedureName = name,
                Channel = ch, FullProcessOnline = fp, OnDigitalPlatform = op, DueAt = d,
            }
            : null;
    }

    private static DossierCompleted? Completed(FieldReader r, DateTimeOffset? at, DateTimeOffset? now, Common common)
    {
        var dossier = r.Identifier("dossierId");
        var procedure = Procedure(r, required: false);
        var due = Due(r, at, notBeforeAt: null);
        var completed = Finished(r, "completedAt", at, now);
        var digitized = r.Bool("resultDigitized");
        var fee = r.Bool("feePaidOnline", required: false);
        return dossier is not null && due is { } d && completed is { } c && digitized is { } dz && !r.HasFailed("feePaidOnline")
            ? new DossierCompleted
            {
                Id = common.Id, At = common.At, Unit = common.Unit, Agency = common.Agency, DossierId = dossier, Procedure = procedure, DueAt = d, CompletedAt = c,
                ResultDigitized = dz, FeePaidOnline = fee,
            }
            : null;
    }

    private static string? Procedure(FieldReader r, bool required) =>
        r.Formatted(
            "procedure", EventRules.MaxProcedureLength, EventRules.Procedure(),
            "a national procedure code: a digit, a dot and six digits (1.001612), optionally with the publishing agency's code (1.001612.000.00.00.H26)",
            required);

    /// <summary>A due time within two years of "at"; with <paramref name="notBeforeAt"/>, also not before it.</summary>
    private static DateTimeOffset? Due(FieldReader r, DateTimeOffset? at, string? notBeforeAt)
    {
        var due = r.Timestamp("dueAt");
        if (due is not { } d || at is not { } a)
        {
            return due;
        }

        if (notBeforeAt is not null && d < a)
        {
            r.Fail("dueAt", notBeforeAt);
        }
        else if (d > a + EventRules.MaxSpanFromAt || d < a - EventRules.MaxSpanFromAt)
        {
            r.Fail("dueAt", $"is more than {EventRules.MaxSpanFromAt.TotalDays} days from 'at'");
        }

        return r.HasFailed("dueAt") ? null : due;
    }

    /// <summary>A completion or resolution: reported by this event, so not after "at", and at most two years before it.</summary>
    private static DateTimeOffset? Finished(FieldReader r, string field, DateTimeOffset? at, DateTimeOffset? now)
    {
        var value = r.Timestamp(field);
        if (value is not { } v)
        {
            return null;
        }

        if (now is { } n && v > n + MaxClockSkew)
        {
            r.Fail(field, "is more than 5 minutes in the future");
        }
        else if (at is { } a && v > a + MaxClockSkew)
        {
            r.Fail(field, "is more than 5 minutes after 'at', the time of the event that reports it");
        }
        else if (at is { } b && v < b - EventRules.MaxSpanFromAt)
        {
            r.Fail(field, $"is more than {EventRules.MaxSpanFromAt.TotalDays} days before 'at'");
        }

        return r.HasFailed(field) ? null : value;
    }

    private static ParseResult Rejected(int index, string? id, IReadOnlyList<FieldError> errors) =>
        new(null, ItemError.Of(index, id, errors));
}

/// <summary>Either an event or the reason it was rejected.</summary>
public sealed record ParseResult(IocEvent? Event, ItemError? Error);
