using IOC.Domain.Units;
using IOC.Grains.Grains;
using IOC.Grains.State;

namespace IOC.Grains.Routing;

/// <summary>A copy of one grain's open dossiers and tickets (those a filter picked), safe to read off the shard loop.</summary>
public sealed record OpenWork(UnitKey Key, IReadOnlyList<OpenDossier> Dossiers, IReadOnlyList<OpenTicket> Tickets)
{
    /// <summary>Copies the matching open items of <paramref name="grains"/>; grains with none are left out. Shard loop only.</summary>
    internal static List<OpenWork> Of(IEnumerable<UnitGrain> grains, Func<string, bool> idFilter)
    {
        var work = new List<OpenWork>();
        foreach (var grain in grains)
        {
            var dossiers = grain.OpenDossiers.Where(d => idFilter(d.DossierId)).ToArray();
            var tickets = grain.OpenTickets.Where(t => idFilter(t.TicketId)).ToArray();
            if (dossiers.Length > 0 || tickets.Length > 0)
            {
                work.Add(new OpenWork(grain.Key, dossiers, tickets));
            }
        }

        return work;
    }
}
