using System.Buffers;
using System.Text.Json;
using IOC.Domain.Events;

namespace IOC.Ingestion.Parsing;

/// <summary>Writes events in the wire schema (the inverse of <see cref="EventParser"/>): for the simulator and sample files.</summary>
public static class EventJson
{
    public static void Write(Utf8JsonWriter w, IocEvent e)
    {
        w.WriteStartObject();
        w.WriteString("id", e.Id);
        w.WriteString("type", e.Type.ToWire());
        w.WriteString("at", e.At);
        if (e.Unit is not null)
        {
            w.WriteString("unit", e.Unit);
        }

        if (e.Agency is not null)
        {
            w.WriteString("agency", e.Agency);
        }

        switch (e)
        {
            case HotlineCall c:
                w.WriteBoolean("answered", c.Answered);
                w.WriteNumber("waitSeconds", c.WaitSeconds);
                if (c.HandleSeconds is { } handle)
                {
                    w.WriteNumber("handleSeconds", handle);
                }

                break;
            case TicketOpened t:
                w.WriteString("ticketId", t.TicketId);
                w.WriteString("dueAt", t.DueAt);
                break;
            case TicketResolved t:
                w.WriteString("ticketId", t.TicketId);
                w.WriteString("dueAt", t.DueAt);
                w.WriteString("resolvedAt", t.ResolvedAt);
                break;
            case DossierReceived r:
                w.WriteString("dossierId", r.DossierId);
                w.WriteString("procedure", r.Procedure);
                if (r.ProcedureName is not null)
                {
                    w.WriteString("procedureName", r.ProcedureName);
                }

                w.WriteString("channel", r.Channel.ToWire());
                w.WriteBoolean("fullProcessOnline", r.FullProcessOnline);
                w.WriteBoolean("onDigitalPlatform", r.OnDigitalPlatform);
                w.WriteString("dueAt", r.DueAt);
                break;
            case DossierCompleted d:
                w.WriteString("dossierId", d.DossierId);
                if (d.Procedure is not null)
                {
                    w.WriteString("procedure", d.Procedure);
                }

                w.WriteString("dueAt", d.DueAt);
                w.WriteString("completedAt", d.CompletedAt);
                w.WriteBoolean("resultDigitized", d.ResultDigitized);
                if (d.FeePaidOnline is { } paid)
                {
                    w.WriteBoolean("feePaidOnline", paid);
                }
                else
                {
                    w.WriteNull("feePaidOnline");
                }

                break;
            case SurveyResponse s:
                w.WriteString("subject", s.Subject.ToWire());
                w.WriteString("rating", s.Rating.ToWire());
                break;
            case DocumentProcessed doc:
                w.WriteBoolean("digital", doc.Digital);
                w.WriteBoolean("signedDigitally", doc.SignedDigitally);
                break;
        }

        w.WriteEndObject();
    }

    /// <summary>Events as NDJSON bytes, one object per line.</summary>
    public static byte[] ToNdjson(IEnumerable<IocEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        foreach (var e in events)
        {
            Write(writer, e);
            writer.Flush();
            writer.Reset();
            buffer.Write("\n"u8);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
