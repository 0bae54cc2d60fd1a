using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IOC.Testing.Hosting;

/// <summary>Builds wire-format events for tests (JSON objects as a producer would send them).</summary>
public static class WireEvents
{
    public static readonly string Ward = "00082"; // Phường Cửa Nam

    public static string Stamp(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz");

    public static JsonObject Received(string id, DateTimeOffset at, string channel = "online", bool fullProcess = false, string? unit = null, string? agency = null)
    {
        var e = Common(id, "dossier.received", at, unit ?? (agency is null ? Ward : null), agency);
        e["dossierId"] = "D-" + id;
        e["procedure"] = "1.001612";
        e["channel"] = channel;
        e["fullProcessOnline"] = fullProcess;
        e["onDigitalPlatform"] = true;
        e["dueAt"] = Stamp(at.AddDays(3));
        return e;
    }

    public static JsonObject Call(string id, DateTimeOffset at, bool answered, double wait, double? handle = null)
    {
        var e = Common(id, "hotline.call", at, Ward, null);
        e["answered"] = answered;
        e["waitSeconds"] = wait;
        if (handle is not null)
        {
            e["handleSeconds"] = handle;
        }

        return e;
    }

    /// <summary>A document an agency processed (agencies only: no ward).</summary>
    public static JsonObject Document(string id, DateTimeOffset at, string agency, bool digital, bool signedDigitally)
    {
        var e = Common(id, "document.processed", at, null, agency);
        e["digital"] = digital;
        e["signedDigitally"] = signedDigitally;
        return e;
    }

    public static JsonObject Common(string id, string type, DateTimeOffset at, string? unit, string? agency)
    {
        var e = new JsonObject { ["id"] = id, ["type"] = type, ["at"] = Stamp(at) };
        if (unit is not null)
        {
            e["unit"] = unit;
        }

        if (agency is not null)
        {
            e["agency"] = agency;
        }

        return e;
    }

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, params JsonObject[] events) =>
        client.PostAsJsonAsync("/api/v1/events", new JsonArray(events.Select(e => (JsonNode)e.DeepClone()).ToArray()));
}
