using IOC.Domain.Units;
using IOC.Grains.Interfaces;
using IOC.Grains.Messages;
using Orleans;

namespace IOC.Ingestion.Simulation;

/// <summary>
/// A dossier or ticket an earlier simulator run received and left open when it stopped (its ids name that run's
/// start, so no later run would ever finish it). <see cref="TrafficGenerator.Adopt"/> finishes it instead.
/// </summary>
/// <param name="OpenedAt">When the dossier was received or the ticket opened: the work never finishes before it.</param>
public sealed record LeftoverWork(string Id, bool IsTicket, string? Unit, string? Agency, DateTimeOffset OpenedAt, DateTimeOffset DueAt)
{
    /// <summary>Every simulated dossier and ticket id starts with this, whatever the seed and start of its run.</summary>
    public const string SimulatedIdPrefix = "sim-";

    /// <summary>The simulated work still open in the ward and agency grains, once per id, ordered by kind and id.</summary>
    public static async Task<IReadOnlyList<LeftoverWork>> FindAsync(IGrainFactory grains, UnitCatalog units) =>
        FromGrains(await Task.WhenAll(units.Wards.Concat(units.Agencies).Select(u => grains.Unit(u.Key).GetOpenWork(SimulatedIdPrefix))));

    /// <summary>
    /// One item per id: an item that names a ward and an agency is open in both grains, and keeps both codes.
    /// </summary>
    public static IReadOnlyList<LeftoverWork> FromGrains(IEnumerable<OpenWork> grains)
    {
        var items = new Dictionary<(bool IsTicket, string Id), LeftoverWork>();
        foreach (var grain in grains)
        {
            foreach (var d in grain.Dossiers)
            {
                Add(new LeftoverWork(d.DossierId, IsTicket: false, null, null, d.ReceivedAt, d.DueAt), grain.Key);
            }

            foreach (var t in grain.Tickets)
            {
                Add(new LeftoverWork(t.TicketId, IsTicket: true, null, null, t.OpenedAt, t.DueAt), grain.Key);
            }
        }

        return items.Values.Order(Ordering).ToList();

        void Add(LeftoverWork item, UnitKey key)
        {
            var known = items.GetValueOrDefault((item.IsTicket, item.Id)) ?? item;
            items[(item.IsTicket, item.Id)] = key.Level == UnitLevel.Agency ? known with { Agency = key.Code } : known with { Unit = key.Code };
        }
    }

    /// <summary>A total order, so that the same set of leftovers is adopted the same way whatever order it came in.</summary>
    internal static readonly IComparer<LeftoverWork> Ordering = Comparer<LeftoverWork>.Create((a, b) =>
    {
        var c = a.IsTicket.CompareTo(b.IsTicket);
        c = c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        c = c != 0 ? c : string.CompareOrdinal(a.Unit, b.Unit);
        c = c != 0 ? c : string.CompareOrdinal(a.Agency, b.Agency);
        c = c != 0 ? c : a.OpenedAt.UtcTicks.CompareTo(b.OpenedAt.UtcTicks);
        return c != 0 ? c : a.DueAt.UtcTicks.CompareTo(b.DueAt.UtcTicks);
    });
}
