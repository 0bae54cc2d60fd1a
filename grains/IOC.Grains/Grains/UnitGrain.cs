using System.Diagnostics;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.Grains.Interfaces;
using IOC.Grains.Messages;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace IOC.Grains.Grains;

/// <summary>
/// A ward, an agency or the city's direct work: folds its events (<see cref="UnitFold"/>), rebuilds itself on
/// activation from the history checkpoint and its own inbox tail, and on its timer hands its changes to the history
/// sink and its changed snapshot to the web hosts. Units stay active: a wallboard shows them all the time, and a reload
/// reads the inbox.
/// </summary>
public abstract partial class UnitGrain(UnitLevel level, UnitGrainServices services) : Grain, IUnitGrain
{
    private readonly ILogger _logger = services.Loggers.CreateLogger("IOC.Grains.UnitGrain");
    private FoldCut _savedCut = FoldCut.None;

    protected UnitFold State { get; private set; } = null!;

    protected UnitKey Key { get; private set; }

    protected UnitGrainServices Services => services;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Key = new UnitKey(level, this.GetPrimaryKeyString());
        State = new UnitFold(Key);
        await RecoverAsync(cancellationToken);
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(services.Options.Tick, services.Options.Tick));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Saved before the next activation can read the checkpoint: it then replays exactly what this one had not saved.
        await HandOverAsync(services.Time.GetUtcNow(), deactivating: true);
        await services.History.SaveAsync(cancellationToken);
    }

    public Task Fold(EventBatch batch)
    {
        var timed = services.Metrics.FoldDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        if (State.Fold(batch.Events, batch.Through) is { } failures)
        {
            Quarantine(failures);
        }

        if (timed != 0)
        {
            services.Metrics.FoldDuration.Record(Stopwatch.GetElapsedTime(timed).TotalSeconds, new KeyValuePair<string, object?>("ioc.grain", level.ToWire()));
        }

        return Task.CompletedTask;
    }

    public Task Flush()
    {
        TakeChanges();
        return Task.CompletedTask;
    }

    public Task<GrainSnapshot> GetSnapshot() => Task.FromResult(State.Snapshot(services.Time.GetUtcNow()));

    public Task<UnitFootprint> GetFootprint() => Task.FromResult(State.Footprint() with { PendingShares = PendingShares });

    /// <summary>Shares waiting for the city (contributors only).</summary>
    protected virtual int PendingShares => 0;

    public Task<IReadOnlyList<OpenDossier>> GetOpenDossiers(DateTimeOffset? dueBefore) =>
        Task.FromResult<IReadOnlyList<OpenDossier>>([.. State.OpenDossiers.Where(d => dueBefore is null || d.DueAt <= dueBefore)]);

    public Task<OpenWork> GetOpenWork(string idPrefix) => Task.FromResult(new OpenWork(
        Key,
        [.. State.OpenDossiers.Where(d => d.DossierId.StartsWith(idPrefix, StringComparison.Ordinal))],
        [.. State.OpenTickets.Where(t => t.TicketId.StartsWith(idPrefix, StringComparison.Ordinal))]));

    public Task<string?> Refold(InboxEvent e)
    {
        // A quarantined event is one the cut already holds (it was met and set aside): folded now, outside the cut.
        var reason = State.Receive(e.Event);
        if (reason is null)
        {
            services.Quarantine.Release(Key, e.Seq);
        }

        return Task.FromResult(reason);
    }

    /// <summary>What else is done with changes taken (a contributor queues them as a share for the city).</summary>
    protected virtual void OnTaken(UnitChanges changes)
    {
    }

    /// <summary>What else a tick does after taking the changes (a contributor sends its pending shares to the city).</summary>
    protected virtual Task OnTickAsync(bool deactivating) => Task.CompletedTask;

    /// <summary>Takes what was folded since the last time and hands it to the history sink (its checkpoint with it).</summary>
    protected void TakeChanges()
    {
        var changes = State.TakeChanges();
        if (changes.Delta is not null || changes.Open is not null || !changes.Cut.Equals(_savedCut))
        {
            services.History.Enqueue(changes);
            _savedCut = changes.Cut;
        }

        OnTaken(changes);
    }

    private async Task TickAsync(CancellationToken cancellationToken) => await HandOverAsync(services.Time.GetUtcNow(), deactivating: false);

    private async Task HandOverAsync(DateTimeOffset now, bool deactivating)
    {
        TakeChanges();
        var snapshot = State.ChangedSnapshot(now);
        await OnTickAsync(deactivating);

        // A grain going away publishes nothing: its next activation (or the silo's shutdown) decides what is shown.
        if (snapshot is not null && !deactivating)
        {
            await GrainFactory.GetGrain<IKpiPublisherGrain>(0).Publish(new KpiUpdate(now, snapshot));
        }
    }

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var plan = await services.Recovery.PlanAsync(Key, cancellationToken);

        // An event in quarantine is counted by a replay only, never by a recovery that meets it again.
        var quarantined = services.Quarantine.SeqsOf(Key);
        bool Wanted(InboxEvent e) => !quarantined.Contains(e.Seq);
        var replayed = 0L;
        if (plan.State is { } state)
        {
            State.Restore(state, plan.Checkpoint);
        }
        else
        {
            // The store could not be read: rebuild from every inbox event of the key. The changes of those the checkpoint
            // holds are saved already, so they are folded and dropped; the rest are saved as usual from the first tick.
            var last = plan.Checkpoint.Beyond.Count == 0 ? plan.Checkpoint.Through : Math.Max(plan.Checkpoint.Through, plan.Checkpoint.Beyond[^1].Last);
            await foreach (var page in services.Recovery.ReadTailAsync(Key, 0, last, cancellationToken))
            {
                var saved = page.Events.Where(e => plan.Checkpoint.Includes(e.Seq) && Wanted(e)).ToList();
                replayed += saved.Count;
                FoldAll(saved, 0);
            }

            State.TakeChanges();
            State.Resume(plan.Checkpoint);
        }

        await foreach (var page in services.Recovery.ReadTailAsync(Key, plan.Checkpoint.Through, long.MaxValue, cancellationToken))
        {
            replayed += page.Events.Count;
            FoldAll([.. page.Events.Where(Wanted)], page.Through);
        }

        _savedCut = plan.Checkpoint;
        LogRecovered(_logger, Key.ToString(), plan.Source, replayed, State.Cut.ToString());
    }

    private void FoldAll(IReadOnlyList<InboxEvent> events, long through)
    {
        if (State.Fold(events, through) is { } failures)
        {
            Quarantine(failures);
        }
    }

    private void Quarantine(List<FoldFailure> failures)
    {
        services.Quarantine.Add(Key, failures);
        foreach (var failure in failures)
        {
            LogQuarantined(_logger, Key.ToString(), failure.Event.Id, failure.Seq, failure.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Unit} recovered from {Source}, {Replayed} inbox events replayed; checkpoint {Cut}")]
    private static partial void LogRecovered(ILogger logger, string unit, string source, long replayed, string cut);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Unit} set aside event {EventId} (inbox seq {Seq}): {Reason}")]
    private static partial void LogQuarantined(ILogger logger, string unit, string eventId, long seq, string reason);
}
