using System.Text.Json.Nodes;
using IOC.Domain.Events;

namespace IOC.Ingestion.Parsing;

/// <summary>
/// One valid event of each type, as a producer would send it: the OpenAPI document's examples (a test parses them,
/// so they stay valid) and the model for docs/events.md.
/// </summary>
public static class EventExamples
{
    /// <summary>The time the examples were "sent": every example is valid when ingested then.</summary>
    public static readonly DateTimeOffset SentAt = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(7));

    public static readonly IReadOnlyDictionary<EventType, string> Json = new Dictionary<EventType, string>
    {
        [EventType.HotlineCall] =
            """{"id":"call-20261120-0001","type":"hotline.call","at":"2026-11-20T09:12:30+07:00","unit":"00082","answered":true,"waitSeconds":14.5,"handleSeconds":312}""",
        [EventType.HotlineTicketOpened] =
            """{"id":"pakn-58812-open","type":"hotline.ticket.opened","at":"2026-11-20T09:20:00+07:00","unit":"00082","ticketId":"PAKN-58812","dueAt":"2026-11-27T17:00:00+07:00"}""",
        [EventType.HotlineTicketResolved] =
            """{"id":"pakn-58790-done","type":"hotline.ticket.resolved","at":"2026-11-20T09:40:00+07:00","unit":"00082","ticketId":"PAKN-58790","dueAt":"2026-11-21T17:00:00+07:00","resolvedAt":"2026-11-20T09:35:00+07:00"}""",
        [EventType.DossierReceived] =
            """{"id":"000.00.26.H26-261120-0042-rcv","type":"dossier.received","at":"2026-11-20T09:15:00+07:00","unit":"00082","dossierId":"000.00.26.H26-261120-0042","procedure":"1.001193","procedureName":"Đăng ký khai sinh","channel":"online","fullProcessOnline":true,"onDigitalPlatform":true,"dueAt":"2026-11-23T17:00:00+07:00"}""",
        [EventType.DossierCompleted] =
            """{"id":"000.00.26.H26-261118-0007-done","type":"dossier.completed","at":"2026-11-20T09:50:00+07:00","unit":"00082","dossierId":"000.00.26.H26-261118-0007","procedure":"1.001612","dueAt":"2026-11-21T17:00:00+07:00","completedAt":"2026-11-20T09:45:00+07:00","resultDigitized":true,"feePaidOnline":null}""",
        [EventType.SurveyResponse] =
            """{"id":"survey-20261120-0311","type":"survey.response","at":"2026-11-20T09:55:00+07:00","agency":"TTPVHCC","subject":"dossier","rating":"very_satisfied"}""",
        [EventType.DocumentProcessed] =
            """{"id":"vpubnd-vb-2026-11873","type":"document.processed","at":"2026-11-20T09:58:00+07:00","agency":"VPUBND","digital":true,"signedDigitally":true}""",
    };

    public static JsonObject Of(EventType type) => JsonNode.Parse(Json[type])!.AsObject();
}
