using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.Grains.Interfaces;
using IOC.Grains.Messages;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace IOC.Grains.Grains;

/// <summary>
/// A province or the country: its figures are its contributors' shares merged as they arrive (pre-aggregate, then
/// forward); it never sees a raw event and keeps no state of its own on disk: when it activates, or misses a share, it
/// rebuilds by pulling every contributor's whole state. Its history series is written by the history writer from the
/// contributors' deltas, in the transactions that save theirs. The deployment's head (its province, or the country)
/// publishes every tick with today's trend: its time is the wallboards' freshness; any other roll-up publishes only
/// changed figures.
/// </summary>
public abstract partial class RollupGrain(UnitLevel level, UnitCatalog units, UnitGrainServices services) : Grain, IRollupGrain
{
    private readonly ILogger _logger = services.Loggers.CreateLogger("IOC.Grains.RollupGrain");

    // Kept: Orleans resolves the interface type by reflection on every GetGrain (2–3 % of the CPU at the country's 10×).
    private IKpiPublisherGrain? _publisher;

    protected CityFold Fold { get; private set; } = null!;

    protected UnitKey Key { get; private set; }

    protected UnitCatalog Units => units;

    protected UnitGrainServices Services => services;

    /// <summary>The deployment's head: it publishes every tick and keeps today's trend.</summary>
    protected bool IsHead => Key == units.Head.Key;

    private IKpiPublisherGrain Publisher => _publisher ??= GrainFactory.GetGrain<IKpiPublisherGrain>(0);

    /// <summary>Whether this roll-up forwards what it applies to one above it (a province in national mode).</summary>
    protected virtual bool Forwards => false;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Key = new UnitKey(level, this.GetPrimaryKeyString());
        Fold = new CityFold(Key, Forwards, trend: IsHead);
        await RebuildAsync("activation");
        await OnActivatedAsync(cancellationToken);
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(services.Options.Tick, services.Options.Tick));
    }

    public async Task Merge(IReadOnlyList<CityShare> shares)
    {
        foreach (var share in shares)
        {
            OnShare(share);
            if (Fold.Apply(share) == ShareOutcome.Missing)
            {
                await RebuildAsync($"share {share.Number} of {share.From} came before the one it follows");
                return;
            }
        }
    }

    public async Task<GrainSnapshot> Refresh()
    {
        await TakePendingAsync();
        return Fold.Snapshot(services.Time.GetUtcNow());
    }

    public Task<CityTrend> GetTrend()
    {
        var now = services.Time.GetUtcNow();
        var slots = Fold.TodayByFiveMinutes(now).Select(b => new Bucket(Domain.Time.VietnamTime.MinuteKey(b.Start) / 5, b.Counters)).ToList();
        return Task.FromResult(new CityTrend(Domain.Time.VietnamTime.DayKey(now), true, slots));
    }

    /// <summary>What this roll-up is the sum of.</summary>
    protected abstract IEnumerable<UnitKey> Contributors();

    /// <summary>A contributor's whole state (a rebuild).</summary>
    protected abstract Task<CityContribution> PullAsync(UnitKey contributor);

    /// <summary>A contributor's shares not yet taken, after it handed over what it folded until now (read your writes).</summary>
    protected abstract Task<IReadOnlyList<CityShare>> FlushAsync(UnitKey contributor);

    /// <summary>Called once the first rebuild is done, before the timer starts (the province's alerts load here).</summary>
    protected virtual Task OnActivatedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called for each share as it arrives, before it is applied.</summary>
    protected virtual void OnShare(CityShare share)
    {
    }

    /// <summary>Called once a rebuild replaced every figure (a province starts a new incarnation towards the country).</summary>
    protected virtual void OnRebuilt()
    {
    }

    /// <summary>What else a tick does once it published (a province forwards its share to the country).</summary>
    protected virtual Task OnTickAsync() => Task.CompletedTask;

    /// <summary>Takes every contributor's pending shares: every batch delivered before is then counted here.</summary>
    protected async Task TakePendingAsync()
    {
        var pending = await Task.WhenAll(Contributors().Select(FlushAsync));
        foreach (var shares in pending)
        {
            await Merge(shares);
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = services.Time.GetUtcNow();
        var snapshot = Fold.ChangedSnapshot(now);
        if (IsHead)
        {
            await Publisher.Publish(new KpiUpdate(now, snapshot, Fold.TakeTrend(now)));
        }
        else if (snapshot is not null)
        {
            await Publisher.Publish(new KpiUpdate(now, snapshot));
        }

        await OnTickAsync();
    }

    private async Task RebuildAsync(string why)
    {
        var contributions = await Task.WhenAll(Contributors().Select(PullAsync));

        // Replaced at once, after every pull answered: a rebuild that interleaved with this one ends consistent too.
        Fold.Reset();
        foreach (var contribution in contributions)
        {
            Fold.Load(contribution);
        }

        OnRebuilt();
        LogRebuilt(_logger, Key.ToString(), why, contributions.Length);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Rollup} rebuilt from {Contributors} contributors ({Why})")]
    private static partial void LogRebuilt(ILogger logger, string rollup, string why, int contributors);
}
