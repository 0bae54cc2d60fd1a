using System.Diagnostics;
using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.History.Model;
using IOC.History.Store;
using IOC.History.Writing;

namespace IOC.History.Recovery;

/// <summary>What the history holds for one unit when its grain activates; <see cref="State"/> null: the store could not be read.</summary>
public sealed record UnitRestore(RestoredState? State, FoldCut Checkpoint, string Source);

/// <summary>
/// What a grain activating rebuilds from: its day buckets of this year, today's five-minute trend and the last two
/// hours of minutes from the store (after writing out what the buffer holds), its open items and its checkpoint from
/// the ledger. The grain then replays its inbox events after the checkpoint. If the store stays unreachable for
/// <see cref="HistoryOptions.RebuildWaitSeconds"/>, it says so, and the grain replays its whole inbox tail instead (the
/// live figures never wait for the history store).
/// At start every unit activates at once: <see cref="PrepareAsync"/> reads them all in one round and keeps each
/// unit's part until its grain takes it. With a shared ledger (PostgreSQL) each unit reads its own rows and checkpoint
/// when it activates: in a cluster a unit may be active on another node while this one starts, and a state read at start
/// could be older than the checkpoint its grain later moves to here.
/// </summary>
public sealed class UnitRestorer(HistoryWriter writer, HistoryOptions options, TimeProvider time)
{
    /// <summary>How many days before today are restored as day buckets even when they lie in an earlier month.</summary>
    public const int EarlierDays = 35;

    private readonly Lock _sync = new();
    // Each unit's part of the bulk read at start, until its grain takes it; a null state: the store was unreachable.
    private Dictionary<UnitKey, RestoredState?>? _prepared;
    private string _preparedSource = "";

    /// <summary>Writes the buffer out and reads the state of <paramref name="units"/> in one round, for their grains about to activate.</summary>
    public async Task<string> PrepareAsync(IReadOnlyCollection<UnitKey> units, CancellationToken cancellationToken)
    {
        if (writer.Ledger.Shared)
        {
            await writer.TryEnsureSchemaAsync(cancellationToken);
            return $"each unit reads its rows and checkpoint from the shared {writer.Store.Kind} store ({writer.Ledger.Location}) when it activates";
        }

        if (!writer.Ledger.HasCheckpoints)
        {
            await writer.TryEnsureSchemaAsync(cancellationToken);
            Keep(units, [], "the inbox (first start: no history checkpoint yet)");
            return "no history checkpoint yet: every unit replays its whole inbox tail";
        }

        var stopwatch = Stopwatch.StartNew();
        if (!await writer.DrainAsync(TimeSpan.FromSeconds(options.RebuildWaitSeconds), cancellationToken))
        {
            Keep(units, null, $"the inbox (history store {writer.Store.Kind} unreachable: {writer.LastError})");
            return $"history store {writer.Store.Kind} unreachable ({writer.LastError}): every unit replays its whole inbox tail";
        }

        var states = await LoadAsync(null, cancellationToken);
        Keep(units, states, $"{writer.Store.Kind} and the checkpoint");
        return $"read {states.Count} units from {writer.Store.Kind} in {stopwatch.ElapsedMilliseconds} ms";
    }

    public async Task<UnitRestore> RestoreAsync(UnitKey key, CancellationToken cancellationToken)
    {
        // Changes of an earlier activation of this unit that this node never saved: their events come back with the tail.
        writer.Forget(key);
        var saved = await writer.Ledger.LoadAsync(key, cancellationToken);
        lock (_sync)
        {
            if (_prepared?.Remove(key, out var prepared) == true)
            {
                return new UnitRestore(prepared is null ? null : prepared with { OpenDossiers = saved.Dossiers, OpenTickets = saved.Tickets }, saved.Checkpoint, _preparedSource);
            }
        }

        // Activated later (after a deactivation, or on another node): what this silo saved is written out first (a
        // shared ledger's saves are in the store already).
        if (!writer.Ledger.Shared)
        {
            writer.SaveNow();
            if (!await writer.DrainAsync(TimeSpan.FromSeconds(options.RebuildWaitSeconds), cancellationToken))
            {
                return new UnitRestore(null, saved.Checkpoint, $"the inbox (history store {writer.Store.Kind} unreachable: {writer.LastError})");
            }
        }

        var state = (await LoadAsync(key, cancellationToken)).GetValueOrDefault(key) ?? new RestoredState();
        return new UnitRestore(state with { OpenDossiers = saved.Dossiers, OpenTickets = saved.Tickets }, saved.Checkpoint, $"{writer.Store.Kind} and the checkpoint");
    }

    /// <summary>The bulk read is for the start only; later activations read their own unit.</summary>
    public void ForgetPrepared()
    {
        lock (_sync)
        {
            _prepared = null;
        }
    }

    private void Keep(IEnumerable<UnitKey> units, Dictionary<UnitKey, RestoredState>? states, string source)
    {
        lock (_sync)
        {
            _prepared = units.ToDictionary(u => u, u => states is null ? null : states.GetValueOrDefault(u) ?? new RestoredState());
            _preparedSource = source;
        }
    }

    /// <summary>
    /// Days of this month, totals of this year's earlier months, five-minute slots of today and minutes of the last two
    /// hours, for every unit: what the live windows (today, 60 minutes, month and year to date) and today's trend read;
    /// and the days of the <see cref="EarlierDays"/> before this month (the 7-day window, the alerts' nowcast).
    /// </summary>
    private async Task<Dictionary<UnitKey, RestoredState>> LoadAsync(UnitKey? unit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = VietnamTime.LocalDate(now);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var minutesStart = Resolutions.Floor(now.AddMinutes(-CounterBuckets.MinuteSlots).ToUnixTimeMilliseconds(), TimeSpan.FromMinutes(1));
        var end = now.AddDays(1).ToUnixTimeMilliseconds();
        static long Ms(DateOnly day) => VietnamTime.StartOfDay(day).ToUnixTimeMilliseconds();
        var queries = new List<HistoryQuery>
        {
            new(Measurement.Counters, Resolution.Day, Ms(monthStart), end, unit, TimeSpan.FromDays(1)),
            new(Measurement.Counters, Resolution.Minute, Ms(today), end, unit, TimeSpan.FromMinutes(5)),
            new(Measurement.Counters, Resolution.Minute, minutesStart, end, unit, TimeSpan.FromMinutes(1)),
        };
        for (var month = new DateOnly(today.Year, 1, 1); month < monthStart; month = month.AddMonths(1))
        {
            queries.Add(new(Measurement.Counters, Resolution.Day, Ms(month), Ms(month.AddMonths(1)), unit, null));
        }

        var earlierStart = today.AddDays(-EarlierDays);
        var earlierQuery = queries.Count;
        if (earlierStart < monthStart)
        {
            queries.Add(new(Measurement.Counters, Resolution.Day, Ms(earlierStart), Ms(monthStart), unit, TimeSpan.FromDays(1)));
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

        var earlier = new Dictionary<UnitKey, List<(int, CounterSet)>>();
        for (var i = earlierQuery; i < answers.Count; i++)
        {
            foreach (var row in answers[i])
            {
                Of(earlier, row.Series.Unit).Add((VietnamTime.DayKey(At(row)), Counters(row)));
            }
        }

        for (var i = 3; i < earlierQuery; i++)
        {
            var month = new DateOnly(today.Year, i - 2, 1);
            foreach (var row in answers[i])
            {
                Of(months, row.Series.Unit).Add(((month.Year * 12) + month.Month - 1, Counters(row)));
            }
        }

        return days.Keys.Concat(months.Keys).Concat(fives.Keys).Concat(minutes.Keys).Concat(earlier.Keys).Distinct().ToDictionary(
            key => key,
            key => new RestoredState
            {
                Days = days.GetValueOrDefault(key) ?? [],
                Months = months.GetValueOrDefault(key) ?? [],
                EarlierDays = earlier.GetValueOrDefault(key) ?? [],
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
