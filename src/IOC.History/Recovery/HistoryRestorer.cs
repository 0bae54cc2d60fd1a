using System.Diagnostics;
using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Publishing;
using IOC.Grains.Routing;
using IOC.Grains.State;
using IOC.History.Model;
using IOC.History.Store;
using IOC.History.Writing;

namespace IOC.History.Recovery;

/// <summary>How a start rebuilds the grains; see <see cref="HistoryRestorer"/>.</summary>
public enum RestoreMode
{
    /// <summary>Nothing was ever saved: replay the whole inbox, saving its changes as usual.</summary>
    FirstStart,

    /// <summary>Grains restored from the store and the checkpoint: replay only the inbox events the checkpoint lacks.</summary>
    FromStore,

    /// <summary>The store could not be brought up to date: replay the whole inbox, but save only what the checkpoint lacks.</summary>
    WholeInbox,
}

/// <param name="OpenDossiers">The open dossiers restored (for the ingestion ledger), each once.</param>
public sealed record RestorePlan(RestoreMode Mode, FoldCut Checkpoint, IReadOnlyList<(string DossierId, DateTimeOffset ReceivedAt)> OpenDossiers, string Summary);

/// <summary>
/// On start, before any event or tick: writes out what the buffer still holds, then rebuilds every grain's day
/// buckets of this year, today's five-minute trend and the last two hours of minutes from the store, and its open
/// items from the checkpoint. The inbox events after the checkpoint are then replayed on top (by the caller).
/// If the store stays unreachable for <see cref="HistoryOptions.RebuildWaitSeconds"/>, it says so and the caller
/// replays the whole inbox instead (the live figures never wait for the history store).
/// </summary>
public sealed class HistoryRestorer(HistoryWriter writer, HistoryOptions options, TimeProvider time)
{
    public async Task<RestorePlan> RestoreAsync(GrainRouter router, SnapshotPublisher publisher, CancellationToken cancellationToken)
    {
        var checkpoint = writer.Buffer.Checkpoint;
        if (checkpoint.Through == 0 && checkpoint.Beyond.Count == 0)
        {
            await writer.TryEnsureSchemaAsync(cancellationToken);
            return new RestorePlan(RestoreMode.FirstStart, checkpoint, [], "no history checkpoint yet: replaying the whole inbox");
        }

        var stopwatch = Stopwatch.StartNew();
        if (!await writer.DrainAsync(TimeSpan.FromSeconds(options.RebuildWaitSeconds), cancellationToken))
        {
            return new RestorePlan(RestoreMode.WholeInbox, checkpoint, [],
                $"history store {writer.Store.Kind} unreachable ({writer.LastError}); replaying the whole inbox, saving only what checkpoint {checkpoint} lacks");
        }

        var states = await LoadAsync(cancellationToken);
        var openItems = writer.Buffer.LoadOpenItems();
        foreach (var (key, (dossiers, tickets)) in openItems)
        {
            var state = states.TryGetValue(key, out var found) ? found : new RestoredState();
            states[key] = state with { OpenDossiers = dossiers, OpenTickets = tickets };
        }

        await router.RestoreAsync(states.Where(s => s.Key.Level != UnitLevel.City).Select(s => (s.Key, s.Value)), cancellationToken);
        if (states.TryGetValue(UnitKey.City, out var city))
        {
            await publisher.RestoreCityAsync(city, cancellationToken);
        }

        router.Seqs.Resume(checkpoint);
        var open = openItems.Values.SelectMany(o => o.Dossiers).DistinctBy(d => d.DossierId).Select(d => (d.DossierId, d.ReceivedAt)).ToList();
        return new RestorePlan(RestoreMode.FromStore, checkpoint, open,
            $"restored {states.Count} units and {open.Count} open dossiers from {writer.Store.Kind} and checkpoint {checkpoint} in {stopwatch.ElapsedMilliseconds} ms");
    }

    /// <summary>
    /// Days of this month, totals of this year's earlier months, five-minute slots of today and minutes of the last two
    /// hours, for every unit: what the live windows (today, 60 minutes, month and year to date) and today's trend read.
    /// </summary>
    private async Task<Dictionary<UnitKey, RestoredState>> LoadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = VietnamTime.LocalDate(now);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var minutesStart = Resolutions.Floor(now.AddMinutes(-CounterBuckets.MinuteSlots).ToUnixTimeMilliseconds(), TimeSpan.FromMinutes(1));
        var end = now.AddDays(1).ToUnixTimeMilliseconds();
        static long Ms(DateOnly day) => VietnamTime.StartOfDay(day).ToUnixTimeMilliseconds();
        var queries = new List<HistoryQuery>
        {
            new(Measurement.Counters, Resolution.Day, Ms(monthStart), end, null, TimeSpan.FromDays(1)),
            new(Measurement.Counters, Resolution.Minute, Ms(today), end, null, TimeSpan.FromMinutes(5)),
            new(Measurement.Counters, Resolution.Minute, minutesStart, end, null, TimeSpan.FromMinutes(1)),
        };
        for (var month = new DateOnly(today.Year, 1, 1); month < monthStart; month = month.AddMonths(1))
        {
            queries.Add(new(Measurement.Counters, Resolution.Day, Ms(month), Ms(month.AddMonths(1)), null, null));
        }

        var answers = await writer.Store.QueryAsync(queries, cancellationToken);
        var days = new Dictionary<UnitKey, List<(int, CounterSet)>>();
        var months = new Dictionary<UnitKey, List<(int, CounterSet)>>();
        var fives = new Dictionary<UnitKey, List<(long, CounterSet)>>();
        var minutes = new Dictionary<UnitKey, List<(long, CounterSet)>>();
        foreach (var row in answers[0])
        {
            Of(days, row.Series.Unit).Add((VietnamTime.DayKey(At(row)), Counters(row)));
        }

        foreach (var row in answers[1])
        {
            Of(fives, row.Series.Unit).Add((VietnamTime.MinuteKey(At(row)) / 5, Counters(row)));
        }

        foreach (var row in answers[2])
        {
            Of(minutes, row.Series.Unit).Add((VietnamTime.MinuteKey(At(row)), Counters(row)));
        }

        for (var i = 3; i < answers.Count; i++)
        {
            var month = new DateOnly(today.Year, i - 2, 1);
            foreach (var row in answers[i])
            {
                Of(months, row.Series.Unit).Add(((month.Year * 12) + month.Month - 1, Counters(row)));
            }
        }

        return days.Keys.Concat(months.Keys).Concat(fives.Keys).Concat(minutes.Keys).Distinct().ToDictionary(
            key => key,
            key => new RestoredState
            {
                Days = days.GetValueOrDefault(key) ?? [],
                Months = months.GetValueOrDefault(key) ?? [],
                FiveMinutes = fives.GetValueOrDefault(key) ?? [],
                Minutes = minutes.GetValueOrDefault(key) ?? [],
            });
    }

    private static List<T> Of<T>(Dictionary<UnitKey, List<T>> lists, UnitKey key) =>
        lists.TryGetValue(key, out var list) ? list : lists[key] = [];

    private static DateTimeOffset At(HistoryRow row) => DateTimeOffset.FromUnixTimeMilliseconds(row.StartMs);

    public static CounterSet Counters(HistoryRow row)
    {
        var counters = default(CounterSet);
        for (var i = 0; i < CounterSet.Size; i++)
        {
            counters[i] = row.Values[i];
        }

        return counters;
    }
}
