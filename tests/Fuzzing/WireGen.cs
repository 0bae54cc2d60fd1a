using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;

namespace IOC.Testing.Fuzzing;

/// <summary>One generated item: its JSON text, whether the contract accepts it, and what was done to it.</summary>
public sealed record WireCase(string Json, bool Valid, string What);

/// <summary>
/// Generators of wire events for the property test and the fuzzer: valid events at the edges of every bound
/// (docs/events.md), and invalid ones made from a valid one by exactly one mutation that the contract refuses.
/// Events are valid for a server whose clock is within a few minutes of <c>now</c>.
/// </summary>
public sealed class WireGen(DateTimeOffset now, string idPrefix)
{
    public static readonly string[] Wards = ["00082", "00070", "00004", "00025", "00256"];

    public static readonly string[] Agencies = ["VPTU", "VPDDBQH-HDND", "VPUBND", "TTPVHCC"];

    public static readonly string[] Procedures = ["1.001612", "2.000815", "1.001193", "1.001612.000.00.00.H26", "3.000181.000.00.00.H22"];

    private static readonly string[] Offsets = ["+07:00", "Z", "-05:00", "+14:00", "-12:00", "+05:45"];

    private static readonly string SafeIdChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:/-";

    private static readonly string[] NameWords = ["Đăng", "ký", "khai", "sinh", "Chứng", "thực", "bản", "sao", "hộ", "kinh", "doanh", "Cấp", "giấy", "phép", "xây", "dựng", "(", ")", "-", "2025", "ủy", "quyền", "\"trích lục\"", "\u0110"];

    private long _next;

    /// <summary>A valid event or a broken one, about three valid to one broken.</summary>
    public Gen<WireCase> Case => Gen.Frequency((3, Valid), (1, Invalid));

    public Gen<WireCase> Valid => ValidJson.Select(e => new WireCase(e.ToJsonString(), true, "valid " + e["type"]));

    public Gen<WireCase> Invalid => Gen.Select(ValidJson, Gen.Int[0, Mutations.Length - 1], Gen.Int[0, int.MaxValue], (e, m, salt) => Mutations[m](e, salt));

    /// <summary>Valid events of every type with values at or near their bounds.</summary>
    public Gen<JsonObject> ValidJson => Gen.Select(Gen.Int[0, 6], At, Place, IdSuffix, Gen.Int[0, int.MaxValue], (type, at, place, suffix, seed) =>
    {
        var random = new Random(seed);
        var e = new JsonObject
        {
            ["id"] = Id(suffix),
            ["type"] = TypeNames[type],
            ["at"] = Stamp(at, random),
        };
        if (place.Unit is not null)
        {
            e["unit"] = place.Unit;
        }

        if (place.Agency is not null)
        {
            e["agency"] = place.Agency;
        }

        Fill(e, type, at, random);
        return e;
    });

    public static readonly string[] TypeNames =
    [
        "hotline.call", "hotline.ticket.opened", "hotline.ticket.resolved", "dossier.received", "dossier.completed", "survey.response", "document.processed",
    ];

    /// <summary>"at" anywhere in the allowed window, often at its edges (399 days old, 4 minutes ahead).</summary>
    private Gen<DateTimeOffset> At => Gen.Frequency(
        (4, Gen.Double[0, 399].Select(days => now.AddDays(-days))),
        (1, Gen.Double[0, 240].Select(seconds => now.AddSeconds(seconds))),
        (1, Gen.Double[398.9, 399].Select(days => now.AddDays(-days))),
        (2, Gen.Double[0, 3600].Select(seconds => now.AddSeconds(-seconds))));

    private static Gen<(string? Unit, string? Agency)> Place => Gen.Frequency(
        (6, Gen.Int[0, Wards.Length - 1].Select(i => ((string?)Wards[i], (string?)null))),
        (2, Gen.Int[0, Agencies.Length - 1].Select(i => ((string?)null, (string?)Agencies[i]))),
        (1, Gen.Select(Gen.Int[0, Wards.Length - 1], Gen.Int[0, Agencies.Length - 1], (w, a) => ((string?)Wards[w], (string?)Agencies[a]))));

    private static Gen<string> IdSuffix => Gen.Int[0, 100].SelectMany(length =>
        Gen.Int[0, SafeIdChars.Length - 1].Array[length].Select(chars => new string(chars.Select(c => SafeIdChars[c]).ToArray())));

    /// <summary>A unique id (the dedupe key) from the safe set, up to the 128-character limit.</summary>
    private string Id(string suffix)
    {
        var id = $"{idPrefix}-{Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture)}-{suffix}";
        return id.Length > 128 ? id[..128] : id;
    }

    private static string Stamp(DateTimeOffset at, Random random)
    {
        var offset = Offsets[random.Next(Offsets.Length)];
        var local = offset == "Z" ? at.ToUniversalTime() : at.ToOffset(TimeSpan.Parse(offset.TrimStart('+'), CultureInfo.InvariantCulture));
        var text = local.ToString(random.Next(3) switch { 0 => "yyyy-MM-ddTHH:mm:ss", 1 => "yyyy-MM-ddTHH:mm:ss.fff", _ => "yyyy-MM-ddTHH:mm:ss.fffffff" }, CultureInfo.InvariantCulture);
        return offset == "Z" ? text + (random.Next(4) == 0 ? "z" : "Z") : text + offset;
    }

    private static void Fill(JsonObject e, int type, DateTimeOffset at, Random random)
    {
        double Edge(double max) => random.Next(4) switch { 0 => 0, 1 => max, _ => Math.Round(random.NextDouble() * max, random.Next(3)) };
        TimeSpan Span(double maxDays) => TimeSpan.FromDays(random.Next(4) == 0 ? maxDays : random.NextDouble() * maxDays);
        switch (type)
        {
            case 0:
                var answered = random.Next(3) > 0;
                e["answered"] = answered;
                e["waitSeconds"] = Edge(7_200);
                if (answered || random.Next(4) == 0)
                {
                    e["handleSeconds"] = Edge(14_400);
                }

                break;
            case 1:
                e["ticketId"] = "T-" + random.Next();
                e["dueAt"] = Stamp(at + Span(729.9), random);
                break;
            case 2:
                e["ticketId"] = "T-" + random.Next();
                e["dueAt"] = Stamp(random.Next(2) == 0 ? at + Span(729.9) : at - Span(729.9), random);
                e["resolvedAt"] = Stamp(at - Span(729.9), random);
                break;
            case 3:
                var online = random.Next(2) == 0;
                e["dossierId"] = "D-" + random.Next();
                e["procedure"] = Procedures[random.Next(Procedures.Length)];
                if (random.Next(2) == 0)
                {
                    e["procedureName"] = Name(random);
                }

                e["channel"] = online ? "online" : random.Next(2) == 0 ? "in_person" : "postal";
                e["fullProcessOnline"] = online && random.Next(2) == 0;
                e["onDigitalPlatform"] = random.Next(5) > 0;
                e["dueAt"] = Stamp(at + Span(729.9), random);
                break;
            case 4:
                // Completions of dossiers never received here: no ledger rule applies, so validity is the item's own.
                e["dossierId"] = "never-received-" + random.Next();
                if (random.Next(2) == 0)
                {
                    e["procedure"] = Procedures[random.Next(Procedures.Length)];
                }

                e["dueAt"] = Stamp(random.Next(2) == 0 ? at + Span(729.9) : at - Span(729.9), random);
                e["completedAt"] = Stamp(at - Span(random.Next(3) == 0 ? 729.9 : 3), random);
                e["resultDigitized"] = random.Next(2) == 0;
                switch (random.Next(4))
                {
                    case 0: e["feePaidOnline"] = null; break;
                    case 1: e["feePaidOnline"] = true; break;
                    case 2: e["feePaidOnline"] = false; break;
                }

                break;
            case 5:
                e["subject"] = random.Next(2) == 0 ? "dossier" : "hotline";
                e["rating"] = new[] { "very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied" }[random.Next(5)];
                break;
            default:
                var digital = random.Next(3) > 0;
                e["digital"] = digital;
                e["signedDigitally"] = digital && random.Next(2) == 0;
                break;
        }
    }

    /// <summary>A Vietnamese name of 1 to 500 characters that starts with a letter.</summary>
    private static string Name(Random random)
    {
        var words = new List<string> { "Thủ tục" };
        var target = random.Next(4) == 0 ? 500 : random.Next(1, 120);
        while (string.Join(' ', words).Length < target)
        {
            words.Add(NameWords[random.Next(NameWords.Length)]);
        }

        var name = string.Join(' ', words);
        return name.Length > 500 ? name[..500].TrimEnd() : name;
    }

    private static readonly Func<JsonObject, int, WireCase>[] Mutations =
    [
        (e, s) => Set(e, "at", new[] { "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+07:00", "1999-12-31T23:59:59Z", "2025-07-01T08:00:00", "yesterday", "" }[s % 6], "at out of range"),
        (e, s) => Set(e, "id", new[] { "=cmd|' /C calc'!A0", "+1", "@SUM(A1)", "-2", "a b", new string('x', 129), "" }[s % 7], "bad id"),
        (e, s) => Set(e, "type", new[] { "dossier.deleted", "Hotline.Call", "" }[s % 3], "unknown type"),
        (e, s) => Set(e, new[] { "colour", "unti", "procedure_name", "extra" }[s % 4], "x", "unknown field"),
        (e, s) => Set(e, "unit", new[] { "99999", "1", "0008", "000820" }[s % 4], "unknown unit"),
        (e, s) => Without(e, s),
        (e, s) => Typed(e, s),
        (e, s) => new WireCase(e.ToJsonString().Replace("\"id\":\"", "\"id\":\"\\ud800", StringComparison.Ordinal), false, "lone surrogate in id"),
        (e, s) => Set(e, "at", JsonValue.Create(s % 2 == 0 ? 1751421600 : 0)!, "at as a number"),
    ];

    private static WireCase Set(JsonObject e, string field, JsonNode value, string what)
    {
        var copy = e.DeepClone().AsObject();
        copy[field] = value;
        return new WireCase(copy.ToJsonString(), false, what);
    }

    private static WireCase Without(JsonObject e, int salt)
    {
        var required = Required[(string)e["type"]!];
        var field = required[salt % required.Length];
        var copy = e.DeepClone().AsObject();
        copy.Remove(field);
        if (field == "unit")
        {
            copy.Remove("agency");
        }

        return new WireCase(copy.ToJsonString(), false, "without " + field);
    }

    /// <summary>A type-specific value the contract refuses.</summary>
    private static WireCase Typed(JsonObject e, int salt)
    {
        var (field, value) = ((string)e["type"]!, salt % 4) switch
        {
            ("hotline.call", 0) => ("waitSeconds", (JsonNode)(-1)),
            ("hotline.call", 1) => ("waitSeconds", 7_200.5),
            ("hotline.call", 2) => ("waitSeconds", "12"),
            ("hotline.call", _) => ("answered", "yes"),
            ("hotline.ticket.opened", 0) => ("dueAt", "9999-12-31T00:00:00Z"),
            ("hotline.ticket.opened", _) => ("ticketId", "=1+1"),
            ("hotline.ticket.resolved", 0) => ("resolvedAt", "0001-01-01T00:00:00+07:00"),
            ("hotline.ticket.resolved", _) => ("dueAt", "2100-01-01T00:00:00Z"),
            ("dossier.received", 0) => ("procedure", "=HYPERLINK(\"http://evil\",\"x\")"),
            ("dossier.received", 1) => ("channel", "fax"),
            ("dossier.received", 2) => ("procedureName", "=HYPERLINK(\"x\")"),
            ("dossier.received", _) => ("dueAt", "1999-01-01T00:00:00Z"),
            ("dossier.completed", 0) => ("completedAt", "0001-01-01T00:00:00+07:00"),
            ("dossier.completed", 1) => ("feePaidOnline", "no"),
            ("dossier.completed", 2) => ("procedure", "1.1612"),
            ("dossier.completed", _) => ("dueAt", "9999-12-31T23:59:59+07:00"),
            ("survey.response", 0) => ("rating", "great"),
            ("survey.response", _) => ("subject", "website"),
            (_, 0) => ("signedDigitally", "true"),
            _ => ("digital", JsonValue.Create(1)!),
        };
        return Set(e, field, value, $"bad {field}");
    }

    private static readonly Dictionary<string, string[]> Required = new()
    {
        ["hotline.call"] = ["id", "type", "at", "unit", "answered", "waitSeconds"],
        ["hotline.ticket.opened"] = ["id", "type", "at", "unit", "ticketId", "dueAt"],
        ["hotline.ticket.resolved"] = ["id", "type", "at", "ticketId", "dueAt", "resolvedAt"],
        ["dossier.received"] = ["id", "type", "at", "dossierId", "procedure", "channel", "fullProcessOnline", "onDigitalPlatform", "dueAt"],
        ["dossier.completed"] = ["id", "type", "at", "dossierId", "dueAt", "completedAt", "resultDigitized"],
        ["survey.response"] = ["id", "type", "rating", "subject"],
        ["document.processed"] = ["id", "type", "digital", "signedDigitally"],
    };

    /// <summary>A whole body the reader must refuse: bytes that are not UTF-8, a cut, a root that is no batch.</summary>
    public static byte[] BreakBody(byte[] body, bool ndjson, int salt)
    {
        // A cut NDJSON body may end between lines, and "42" is one (rejected) NDJSON item: both only break arrays.
        switch (ndjson ? (salt % 2) * 3 : salt % 4)
        {
            case 0:
                var copy = body.ToArray();
                copy[salt % copy.Length] = 0xFF;
                return copy;
            case 1:
                return body[..(salt % Math.Max(1, body.Length - 1))];
            case 2:
                return "42"u8.ToArray();
            default:
                return [.. body, 0xC3];
        }
    }
}
