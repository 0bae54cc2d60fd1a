using System.Diagnostics;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Grains;
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
    private DateTimeOffset _lastTailRead = DateTimeOffset.MinValue;
    private UnitAlerts? _alerts;

    // Kept: Orleans resolves the interface type by reflection on every GetGrain (2–3 % of the CPU at the country's 10×).
    private IKpiPublisherGrain? _publisher;

    protected UnitFold State { get; private set; } = null!;

    protected UnitKey Key { get; private set; }

    protected UnitGrainServices Services => services;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Key = new UnitKey(level, this.GetPrimaryKeyString());
        State = new UnitFold(Key, services.FiveMinuteSlots);
        await RecoverAsync(cancellationToken);

        // The recovery has just read the whole tail: the first catch-up read is due one interval from now.
        _lastTailRead = services.Time.GetUtcNow();
        _alerts = await UnitAlerts.ActivateAsync(ServiceProvider, Key, cancellationToken);
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(services.Options.Tick, services.Options.Tick));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Saved before the next activation can read the checkpoint: it then replays exactly what this one had not saved.
        await HandOverAsync(services.Time.GetUtcNow(), deactivating: true);
        try
        {
            await services.History.SaveAsync(cancellationToken);
        }
        catch
        {
            // Not saved (the store is down): the next activation, here or on another node, replays these events from the
            // saved checkpoint, so this silo must never save them later.
            services.History.Forget(Key);
            throw;
        }
    }

    public Task Fold(EventBatch batch)
    {
        var timed = services.Metrics.FoldDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        if (State.Fold(batch.Events, batch.Through, batch.First) is { } failures)
        {
            Quarantine(failures);
        }

        if (batch.Events.Count > 0)
        {
            _alerts?.Arrived();
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

    public Task<AlertView?> Acknowledge(string ruleId, string by, string? note) =>
        _alerts?.AcknowledgeAsync(GrainFactory, ruleId, by, note) ?? Task.FromResult<AlertView?>(null);

    public Task<IReadOnlyList<AlertView>> GetAlerts() => Task.FromResult(_alerts?.Views() ?? []);

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

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = services.Time.GetUtcNow();
        await HandOverAsync(now, deactivating: false);
        if (services.Options.TailReadInterval is { } interval && now - _lastTailRead >= interval)
        {
            _lastTailRead = now;
            await CatchUpAsync(cancellationToken);
        }
    }

    /// <summary>
    /// With a shared inbox: folds the events of this unit that were committed but never delivered (their node died
    /// between its commit and its delivery, or gave up delivering) and moves the cut's end to the inbox's last number.
    /// That number is read first: everything numbered up to it is committed already (appends take turns), so nothing can
    /// appear below it later, and a delivery that arrives after this read skips what the read folded.
    /// </summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            var last = await services.Recovery.LastSeqAsync(cancellationToken);
            if (last <= State.Cut.Through)
            {
                return;
            }

            var caught = 0;
            await foreach (var page in services.Recovery.ReadTailAsync(Key, State.Cut.Through, last, cancellationToken))
            {
                caught += page.Events.Count(e => !State.Cut.Includes(e.Seq));
                FoldAll(page.Events, 0);
            }

            FoldAll([], last);
            if (caught > 0)
            {
                LogCaughtUp(_logger, Key.ToString(), caught, last);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The inbox store is down: the cut stays where it is and the next tick tries again.
            LogCatchUpFailed(_logger, Key.ToString(), ex.Message);
        }
    }

    private async Task HandOverAsync(DateTimeOffset now, bool deactivating)
    {
        TakeChanges();
        var snapshot = State.ChangedSnapshot(now);
        await OnTickAsync(deactivating);

        // A grain going away publishes nothing: its next activation (or the silo's shutdown) decides what is shown.
        if (snapshot is not null && !deactivating)
        {
            await (_publisher ??= GrainFactory.GetGrain<IKpiPublisherGrain>(0)).Publish(new KpiUpdate(now, snapshot));
        }

        // The unit's alert rules are judged here, where its figures live (issue 13: docs/alerts.md).
        if (_alerts is not null && !deactivating)
        {
            await _alerts.TickAsync(GrainFactory, State.LastSnapshot, State.Day, now);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "{Unit} counted {Events} stored event(s) that no node had delivered; its cut is now {Through}")]
    private static partial void LogCaughtUp(ILogger logger, string unit, int events, long through);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Unit} could not read its inbox tail; trying again at the next tick: {Reason}")]
    private static partial void LogCatchUpFailed(ILogger logger, string unit, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Unit} set aside event {EventId} (inbox seq {Seq}): {Reason}")]
    private static partial void LogQuarantined(ILogger logger, string unit, string eventId, long seq, string reason);
}
