namespace IOC.Ingestion.Simulation;

/// <summary>How much leftover work a generator took over, each id once.</summary>
public readonly record struct AdoptedWork(int Dossiers, int Tickets)
{
    public int Total => Dossiers + Tickets;
}

public sealed partial class TrafficGenerator
{
    /// <summary>Leftovers whose whole window passed while no simulator ran are caught up within this span.</summary>
    private const long CatchUpTicks = 4 * TimeSpan.TicksPerHour;

    /// <summary>The backlog is over once the longest procedure (15 days) and ticket (10 days) would have finished.</summary>
    private const int BacklogMinutes = 15 * 24 * 60;

    /// <summary>
    /// Takes over dossiers and tickets that earlier runs left open, so they finish like the generator's own work
    /// instead of staying open (and overdue) for ever. Each item draws its window (on time, late or days late) as on
    /// receipt and, being still open, finishes in what is left of it after <paramref name="now"/>; when the whole
    /// window has passed (the simulator was down meanwhile), it is caught up within the first hours, on time when not
    /// due yet. So a quick restart carries on at the usual pace, while work overdue at the restart finishes late and
    /// soon. Nothing finishes before <paramref name="now"/> or its receipt; completions keep the item's id, ward,
    /// agency and due time. Beyond the memory cap, the work planned to finish soonest finishes at <paramref name="now"/>.
    /// The adopted work is the real part of what the backlog of completions from before the start stands in for, so
    /// the backlog shrinks by as much (gone when an earlier run left as much open as a steadily running one holds);
    /// otherwise a restart would count that work twice. The same set (in any order), seed and time give the same plans.
    /// </summary>
    /// <param name="now">The start of the run: call before the first window, which normally starts here.</param>
    /// <exception cref="InvalidOperationException">A window was already generated.</exception>
    public AdoptedWork Adopt(IEnumerable<LeftoverWork> leftovers, DateTimeOffset now)
    {
        if (_cursor != long.MinValue)
        {
            throw new InvalidOperationException("Adopt leftover work before the first window is generated.");
        }

        var nowTicks = now.UtcTicks;
        var lateFactors = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var unit in _units.All)
        {
            lateFactors.TryAdd(unit.Code, unit.LateFactor);
        }

        // Sorted first: every draw below then happens in an order that depends on the set only.
        var items = leftovers.Order(LeftoverWork.Ordering).DistinctBy(w => (w.IsTicket, w.Id)).ToList();
        var plans = new (Planned Work, long Finish)[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var opened = item.OpenedAt.UtcTicks;
            var due = item.DueAt.UtcTicks;
            var (earliest, latest) = item.IsTicket
                ? TicketWindow(opened, Math.Max(0, due - opened), due)
                : DossierWindow(opened, Math.Max(opened, due), lateFactors.GetValueOrDefault(item.Unit ?? item.Agency ?? "", 1.0));
            var finish = latest < nowTicks ? CatchUp(nowTicks, due) : PlanWithin(Math.Max(earliest, nowTicks), latest);
            plans[i] = (new Planned(item.IsTicket, Unit: -1, Number: 0, due, item), Math.Max(finish, WholeSecond(opened)));
        }

        var overflow = plans.Length - Math.Max(0, _maxOpenItems - OpenItems);
        if (overflow > 0)
        {
            var soonest = Enumerable.Range(0, plans.Length).OrderBy(i => plans[i].Finish).ThenBy(i => i).Take(overflow).ToArray();
            foreach (var i in soonest)
            {
                plans[i].Finish = WholeSecond(Math.Max(nowTicks, plans[i].Work.Adopted!.OpenedAt.UtcTicks));
            }
        }

        foreach (var (work, finish) in plans)
        {
            Plan(work, finish);
        }

        var tickets = items.Count(w => w.IsTicket);
        var (backlog, backlogTickets) = ExpectedBacklog(nowTicks);
        _backlogShare = Remaining(backlog, items.Count - tickets);
        _backlogTicketShare = Remaining(backlogTickets, tickets);
        return new AdoptedWork(items.Count - tickets, tickets);

        static double Remaining(double expected, int adopted) => expected > 0 ? Math.Clamp(1 - (adopted / expected), 0, 1) : 1;
    }

    /// <summary>
    /// How many backlog completions and resolutions a run starting at <paramref name="start"/> can expect in all: what
    /// was open at its start, were the city always simulated at this rate (the backlog's arrivals, summed per minute).
    /// </summary>
    private (double Dossiers, double Tickets) ExpectedBacklog(long start)
    {
        var perMinute = EventsPerSecond * ArrivalShare * 60;
        var dossierShare = OfficeShare(Kind.BacklogCompleted);
        var ticketShare = OfficeShare(Kind.BacklogResolved);
        double dossiers = 0, tickets = 0;
        for (var minute = 0; minute < BacklogMinutes; minute++)
        {
            var t = start + (minute * TimeSpan.TicksPerMinute);
            if (TrafficProfile.OfficeOpen(t)) // off hours the mix has no backlog work
            {
                var arrivals = perMinute * TrafficProfile.Rate(t);
                var age = TimeSpan.FromMinutes(minute);
                dossiers += arrivals * dossierShare * Procedures.StillOpen(age);
                tickets += arrivals * ticketShare * TicketsStillOpen(age);
            }
        }

        return (dossiers, tickets);

        static double OfficeShare(Kind kind) =>
            (OfficeMix[(int)kind] - ((int)kind == 0 ? 0 : OfficeMix[(int)kind - 1])) / OfficeMix[^1];
    }

    /// <summary>A moment within the first hours after <paramref name="now"/>, before the due time when there is still time.</summary>
    private long CatchUp(long now, long due)
    {
        var latest = now + CatchUpTicks;
        if (due - TimeSpan.TicksPerSecond > now)
        {
            // PlanWithin rounds up to the second: a second of margin keeps on-time work on time.
            latest = Math.Min(latest, due - TimeSpan.TicksPerSecond);
        }

        return PlanWithin(now, latest);
    }

    private static long WholeSecond(long ticks) =>
        ticks + ((TimeSpan.TicksPerSecond - (ticks % TimeSpan.TicksPerSecond)) % TimeSpan.TicksPerSecond);
}
