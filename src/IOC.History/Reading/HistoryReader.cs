using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.History.Model;
using IOC.History.Recovery;
using IOC.History.Store;
using IOC.History.Writing;

namespace IOC.History.Reading;

/// <summary>A unit and a range to total.</summary>
public sealed record RangeRequest(UnitKey Unit, DateTimeOffset From, DateTimeOffset To);

/// <summary>A unit's counters summed over a range; <see cref="From"/> and <see cref="To"/> are the whole buckets read.</summary>
public sealed record RangeTotal(UnitKey Unit, DateTimeOffset From, DateTimeOffset To, CounterSet Counters);

/// <summary>Dossiers of one procedure and channel over a range.</summary>
public sealed record ProcedureTotal(string Procedure, string Channel, long Received, long Completed, long CompletedLate);

/// <summary>
/// Reads the history store for the API: series per step, totals over ranges (all in one store request), and dossiers
/// per procedure. Before reading it lets the writer send what is pending, so a reader sees what the grains folded,
/// unless the store is down (then it reads what the store has).
/// </summary>
public sealed class HistoryReader(IHistoryStore store, HistoryWriter writer, HistoryOptions options, TimeProvider time)
{
    private static readonly TimeSpan FlushWait = TimeSpan.FromSeconds(2);

    /// <summary>From this many units over one range, one read for all units beats one read per unit.</summary>
    private const int SharedReadUnits = 8;

    public Retention Retention { get; } = Retention.From(options);

    /// <summary>Sends what the buffer holds (briefly; not while the store is down) so reads include it.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (writer.State != StoreState.Down)
        {
            await writer.FlushAsync(FlushWait, cancellationToken);
        }
    }

    /// <summary>
    /// Counters per step from the step containing <paramref name="from"/> to the one containing the end; empty steps are
    /// zero. With <paramref name="counters"/>, only those are read (the others are 0): what one KPI needs.
    /// </summary>
    public async Task<IReadOnlyList<(DateTimeOffset Start, CounterSet Counters)>> SeriesAsync(
        UnitKey unit, DateTimeOffset from, DateTimeOffset to, HistoryStep step, CancellationToken cancellationToken, IReadOnlyCollection<Counter>? counters = null)
    {
        var size = step.Size();
        var first = Resolutions.Floor(from.ToUnixTimeMilliseconds(), size);
        var end = Resolutions.Ceiling(to.ToUnixTimeMilliseconds(), size);
        var fields = counters?.Select(c => (int)c).Distinct().Order().ToList();
        var rows = (await store.QueryAsync([new HistoryQuery(Measurement.Counters, step.Source(), first, end, unit, size, fields)], cancellationToken))[0];
        var byStart = rows.ToDictionary(r => r.StartMs);
        var stepMs = (long)size.TotalMilliseconds;
        var series = new List<(DateTimeOffset, CounterSet)>((int)((end - first) / stepMs));
        for (var start = first; start < end; start += stepMs)
        {
            series.Add((DateTimeOffset.FromUnixTimeMilliseconds(start), byStart.TryGetValue(start, out var row) ? UnitRestorer.Counters(row) : default));
        }

        return series;
    }

    /// <summary>
    /// Totals of several units and ranges, read in one request to the store. Units that share a range (a ranking of
    /// the 126 wards over a period) are read together: one statement per stretch of the range for all units, summed
    /// per unit here, instead of one per unit and stretch (InfluxDB answers the statements of a request one by one).
    /// </summary>
    public async Task<IReadOnlyList<RangeTotal>> TotalsAsync(IReadOnlyList<RangeRequest> requests, CancellationToken cancellationToken)
    {
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var plans = requests.Select(r => RangePlan.For(r.From.ToUnixTimeMilliseconds(), r.To.ToUnixTimeMilliseconds(), nowMs, Retention)).ToList();
        var ranges = requests.Select((r, i) => (r, i)).GroupBy(x => (plans[x.i].FromMs, plans[x.i].ToMs)).ToList();
        var queries = new List<HistoryQuery>();
        var reads = new List<(List<int> Requests, int FirstQuery, bool Shared)>();
        foreach (var range in ranges)
        {
            var members = range.Select(x => x.i).ToList();
            var shared = members.Select(i => requests[i].Unit).Distinct().Count() >= SharedReadUnits;
            reads.Add((members, queries.Count, shared));
            foreach (var i in shared ? members.Take(1) : members)
            {
                queries.AddRange(plans[i].Segments.Select(s => new HistoryQuery(Measurement.Counters, s.Resolution, s.FromMs, s.ToMs, shared ? null : requests[i].Unit, null)));
            }
        }

        var answers = await store.QueryAsync(queries, cancellationToken);
        var sums = new CounterSet[requests.Count];
        foreach (var (members, first, shared) in reads)
        {
            var segments = plans[members[0]].Segments.Count;
            if (shared)
            {
                var byUnit = members.GroupBy(i => requests[i].Unit).ToDictionary(g => g.Key, g => g.ToList());
                foreach (var row in answers.Skip(first).Take(segments).SelectMany(a => a))
                {
                    if (byUnit.TryGetValue(row.Series.Unit, out var targets))
                    {
                        var counters = UnitRestorer.Counters(row);
                        targets.ForEach(i => sums[i].Add(counters));
                    }
                }

                continue;
            }

            for (var m = 0; m < members.Count; m++)
            {
                foreach (var row in answers.Skip(first + (m * segments)).Take(segments).SelectMany(a => a))
                {
                    sums[members[m]].Add(UnitRestorer.Counters(row));
                }
            }
        }

        return requests.Select((r, i) => new RangeTotal(r.Unit, DateTimeOffset.FromUnixTimeMilliseconds(plans[i].FromMs), DateTimeOffset.FromUnixTimeMilliseconds(plans[i].ToMs), sums[i])).ToList();
    }

    /// <summary>Dossiers per procedure and channel over a range widened to whole hours (days beyond the hours' retention).</summary>
    public async Task<(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ProcedureTotal> Procedures)> ProceduresAsync(
        UnitKey unit, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var plan = RangePlan.For(from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), time.GetUtcNow().ToUnixTimeMilliseconds(), Retention, Resolution.Hour);
        var queries = plan.Segments.Select(s => new HistoryQuery(Measurement.Procedures, s.Resolution, s.FromMs, s.ToMs, unit, null)).ToList();
        var answers = await store.QueryAsync(queries, cancellationToken);
        var totals = answers.SelectMany(a => a)
            .GroupBy(r => (r.Series.Procedure ?? "", r.Series.Channel ?? ""))
            .Select(g => new ProcedureTotal(g.Key.Item1, g.Key.Item2, g.Sum(r => r.Values[0]), g.Sum(r => r.Values[1]), g.Sum(r => r.Values[2])))
            .OrderBy(p => p.Procedure, StringComparer.Ordinal).ThenBy(p => p.Channel, StringComparer.Ordinal)
            .ToList();
        return (DateTimeOffset.FromUnixTimeMilliseconds(plan.FromMs), DateTimeOffset.FromUnixTimeMilliseconds(plan.ToMs), totals);
    }
}
