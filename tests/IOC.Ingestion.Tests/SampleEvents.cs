using System.Text;
using System.Text.Json.Nodes;

namespace IOC.Ingestion.Tests;

/// <summary>One valid event of each type in the wire schema (DESIGN.md), as JSON a test can change field by field.</summary>
internal static class SampleEvents
{
    /// <summary>2025-07-02 09:00 in Hanoi: "now" in every ingestion test, and the <c>at</c> of every sample.</summary>
    public static readonly DateTimeOffset Now = new(2025, 7, 2, 9, 0, 0, TimeSpan.FromHours(7));

    public static readonly string[] Types =
    [
        "hotline.call", "hotline.ticket.opened", "hotline.ticket.resolved",
        "dossier.received", "dossier.completed", "survey.response", "document.processed",
    ];

    public static JsonObject Valid(string type, string id = "e1") => type switch
    {
        "hotline.call" => Common(id, type, unit: "00082", new()
        {
            ["answered"] = true, ["waitSeconds"] = 12.5, ["handleSeconds"] = 180,
        }),
        "hotline.ticket.opened" => Common(id, type, unit: "00082", new()
        {
            ["ticketId"] = "T-1", ["dueAt"] = "2025-07-05T17:00:00+07:00",
        }),
        "hotline.ticket.resolved" => Common(id, type, unit: "00082", new()
        {
            ["ticketId"] = "T-1", ["dueAt"] = "2025-07-05T17:00:00+07:00", ["resolvedAt"] = "2025-07-02T08:30:00+07:00",
        }),
        "dossier.received" => Common(id, type, unit: "00082", new()
        {
            ["dossierId"] = "D-1", ["procedure"] = "1.001234", ["channel"] = "online",
            ["fullProcessOnline"] = true, ["onDigitalPlatform"] = true, ["dueAt"] = "2025-07-04T17:00:00+07:00",
        }),
        "dossier.completed" => Common(id, type, unit: "00082", new()
        {
            ["dossierId"] = "D-1", ["dueAt"] = "2025-07-04T17:00:00+07:00", ["completedAt"] = "2025-07-02T08:45:00+07:00",
            ["resultDigitized"] = true, ["feePaidOnline"] = true,
        }),
        "survey.response" => Common(id, type, unit: "00082", new()
        {
            ["subject"] = "dossier", ["rating"] = "satisfied",
        }),
        "document.processed" => Common(id, type, unit: null, new()
        {
            ["agency"] = "VPTU", ["digital"] = true, ["signedDigitally"] = true,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>A dossier received at <paramref name="at"/> (local time text) in ward 00082.</summary>
    public static JsonObject Received(string id, string dossierId, string at, string dueAt = "2025-07-04T17:00:00+07:00") =>
        Valid("dossier.received", id).With("dossierId", dossierId).With("at", at).With("dueAt", dueAt)
            .With("channel", "in_person").With("fullProcessOnline", false);

    public static JsonObject Completed(string id, string dossierId, string completedAt, string dueAt = "2025-07-04T17:00:00+07:00") =>
        Valid("dossier.completed", id).With("dossierId", dossierId).With("at", completedAt).With("completedAt", completedAt).With("dueAt", dueAt);

    public static JsonObject With(this JsonObject json, string field, JsonNode? value)
    {
        json[field] = value;
        return json;
    }

    public static JsonObject Without(this JsonObject json, string field)
    {
        json.Remove(field);
        return json;
    }

    public static byte[] Array(params JsonNode[] items) => Encoding.UTF8.GetBytes(new JsonArray(items).ToJsonString());

    public static byte[] Ndjson(params JsonNode[] items) =>
        Encoding.UTF8.GetBytes(string.Concat(items.Select(i => i.ToJsonString() + "\n")));

    private static JsonObject Common(string id, string type, string? unit, JsonObject fields)
    {
        var json = new JsonObject { ["id"] = id, ["type"] = type, ["at"] = "2025-07-02T09:00:00+07:00" };
        if (unit is not null)
        {
            json["unit"] = unit;
        }

        foreach (var (name, value) in fields.ToList())
        {
            fields.Remove(name);
            json[name] = value;
        }

        return json;
    }
}
