using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Reading;

namespace IOC.History.Queries;

/// <summary>How the open-dossier list is ordered: due (default), received, daysLate, procedure or id.</summary>
public static class OpenDossierSort
{
    public static readonly string[] All = ["due", "received", "daysLate", "procedure", "id"];

    public static bool IsKnown(string sort) => All.Contains(sort, StringComparer.OrdinalIgnoreCase);

    /// <summary>Orders by the column, then by id so equal keys keep a stable order.</summary>
    public static List<OpenDossierItem> Apply(IEnumerable<OpenDossierItem> items, string sort, bool descending)
    {
        Func<OpenDossierItem, object> key = sort.ToLowerInvariant() switch
        {
            "received" => i => i.Received,
            "dayslate" => i => i.HoursLate,
            "procedure" => i => i.Procedure,
            "id" => i => i.Id,
            _ => i => i.Due,
        };
        return [.. (descending ? items.OrderByDescending(key) : items.OrderBy(key)).ThenBy(i => i.Id, StringComparer.Ordinal)];
    }
}

/// <summary>The live list behind the drill-down's overdue table, read from the unit's grain (not from history).</summary>
public sealed class OpenDossierQuery(GrainReader grains, TimeProvider time)
{
    public async Task<OpenDossierList> ListAsync(Unit unit, string sort, bool descending, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var soon = now + Gauges.DueSoonSpan;

        // Asked of the unit's grain: every event delivered before is in.
        var open = await grains.OpenDossiersAsync(unit.Key, soon);
        var items = open.Select(d =>
        {
            var late = now - d.DueAt;
            var overdue = d.DueAt < now;
            return new OpenDossierItem(
                d.DossierId, d.Procedure, d.Channel.ToWire(), VietnamTime.ToLocal(d.ReceivedAt), VietnamTime.ToLocal(d.DueAt),
                overdue ? Math.Round(late.TotalHours, 1) : 0, overdue ? (int)Math.Ceiling(late.TotalDays) : 0, overdue ? "overdue" : "dueSoon");
        });
        var ordered = OpenDossierSort.Apply(items, sort, descending);
        return new OpenDossierList(UnitRef.From(unit), VietnamTime.ToLocal(now), ordered.Count(i => i.Status == "overdue"), ordered.Count(i => i.Status == "dueSoon"), ordered);
    }
}
