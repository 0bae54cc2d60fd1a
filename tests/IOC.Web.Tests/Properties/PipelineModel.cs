using System.Globalization;
using System.Text.Json.Nodes;

namespace IOC.Web.Tests.Properties;

/// <summary>
/// What the KPIs of the accepted events must be, counted straight from the events by the definitions of
/// docs/kpis.md (not by the product's fold): per ward, per agency and for the city, all time and year to date.
/// </summary>
internal sealed class PipelineModel(DateTimeOffset startOfYear)
{
    private readonly Dictionary<string, Figures> _all = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Figures> _ytd = new(StringComparer.Ordinal);

    public int Events { get; private set; }

    public void Add(JsonObject e)
    {
        Events++;
        var at = Time(e["at"]);
        var keys = new List<string> { "city" };
        if (e["unit"] is { } unit)
        {
            keys.Add("units/" + unit.GetValue<string>());
        }

        if (e["agency"] is { } agency)
        {
            keys.Add("agencies/" + agency.GetValue<string>());
        }

        foreach (var key in keys)
        {
            Fold(e, Get(_all, key));
            if (at >= startOfYear)
            {
                Fold(e, Get(_ytd, key));
            }
        }
    }

    public IEnumerable<string> Keys => _all.Keys;

    public Figures All(string key) => _all.GetValueOrDefault(key) ?? new Figures();

    public Figures YearToDate(string key) => _ytd.GetValueOrDefault(key) ?? new Figures();

    private static Figures Get(Dictionary<string, Figures> map, string key) =>
        map.TryGetValue(key, out var f) ? f : map[key] = new Figures();

    private static void Fold(JsonObject e, Figures f)
    {
        switch (e["type"]!.GetValue<string>())
        {
            case "dossier.received":
                f.Received++;
                f.ReceivedOnline += e["channel"]!.GetValue<string>() == "online" ? 1 : 0;
                break;
            case "dossier.completed":
                f.Completed++;
                f.CompletedLate += Time(e["completedAt"]) > Time(e["dueAt"]) ? 1 : 0;
                break;
            case "hotline.call":
                var answered = e["answered"]!.GetValue<bool>();
                f.Offered += answered || e["waitSeconds"]!.GetValue<double>() >= 5 ? 1 : 0;
                f.Answered += answered ? 1 : 0;
                break;
            case "hotline.ticket.resolved":
                f.Resolved++;
                f.ResolvedOnTime += Time(e["resolvedAt"]) <= Time(e["dueAt"]) ? 1 : 0;
                break;
            case "survey.response":
                f.Responses++;
                f.Satisfied += e["rating"]!.GetValue<string>() is "very_satisfied" or "satisfied" ? 1 : 0;
                break;
            case "document.processed":
                f.Documents++;
                f.Signed += e["signedDigitally"]!.GetValue<bool>() ? 1 : 0;
                break;
        }
    }

    private static DateTimeOffset Time(JsonNode? node)
    {
        var text = node!.GetValue<string>();
        return DateTimeOffset.Parse(text.EndsWith('z') ? text[..^1] + "Z" : text, CultureInfo.InvariantCulture);
    }

    /// <summary>The counts behind the KPIs checked: (KPI id, numerator or count, denominator or null).</summary>
    internal sealed class Figures
    {
        public long Received;
        public long ReceivedOnline;
        public long Completed;
        public long CompletedLate;
        public long Offered;
        public long Answered;
        public long Resolved;
        public long ResolvedOnTime;
        public long Responses;
        public long Satisfied;
        public long Documents;
        public long Signed;

        public IEnumerable<(string Kpi, long Numerator, long? Denominator)> Expected() =>
        [
            ("dossier.received", Received, null),
            ("dossier.onlineRate", ReceivedOnline, Received),
            ("dossier.completed", Completed, null),
            ("dossier.completedLate", CompletedLate, null),
            ("hotline.offered", Offered, null),
            ("hotline.answerRate", Answered, Offered),
            ("hotline.ticketOnTimeRate", ResolvedOnTime, Resolved),
            ("satisfaction.rate", Satisfied, Responses),
            ("document.processed", Documents, null),
            ("document.signedRate", Signed, Documents),
        ];
    }
}
