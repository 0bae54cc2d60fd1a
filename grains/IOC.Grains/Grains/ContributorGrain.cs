using IOC.Domain.Kpis;
using IOC.Domain.Time;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.Grains.Interfaces;
using IOC.Grains.Messages;
using Microsoft.Extensions.Logging;

namespace IOC.Grains.Grains;

/// <summary>
/// A unit its province counts every event of (a ward or commune, the province's direct work). Its deltas go to the
/// province as numbered shares on each tick (pre-aggregate, then forward), so the province never sees a raw event; a
/// share the province did not take is sent again with the next.
/// </summary>
public abstract partial class ContributorGrain(UnitLevel level, UnitGrainServices services) : UnitGrain(level, services), ICityContributor
{
    private readonly ILogger _logger = services.Loggers.CreateLogger("IOC.Grains.ContributorGrain");
    private ShareOutbox? _outbox;
    private Gauges _gauges;
    private long _gaugesMinute = long.MinValue;

    // Kept: Orleans resolves the interface type by reflection on every GetGrain (2–3 % of the CPU at the country's 10×).
    private ICityGrain? _city;

    private ShareOutbox Outbox => _outbox ??= new ShareOutbox(Key);

    /// <summary>The province this unit belongs to (a direct work's key is its province's code).</summary>
    private ICityGrain City => _city ??= GrainFactory.GetGrain<ICityGrain>(Services.Units.ProvinceOf(Key)?.Code ?? Services.Units.Provinces[0].Code);

    public Task<CityContribution> PullContribution()
    {
        // The changes taken now are in the buckets exported: the city counts them through the contribution, not a share.
        TakeChanges();
        Outbox.Clear();
        return Task.FromResult(new CityContribution(Key, Outbox.Incarnation, State.ExportBuckets(), Outbox.LastNumber, _gauges));
    }

    public Task<IReadOnlyList<CityShare>> FlushToCity()
    {
        TakeChanges();
        return Task.FromResult<IReadOnlyList<CityShare>>([.. Outbox.Pending]);
    }

    protected override int PendingShares => Outbox.Pending.Count;

    protected override void OnTaken(UnitChanges changes)
    {
        // Gauges move with the open items and with the clock; measured again only when either moved.
        var now = Services.Time.GetUtcNow();
        var minute = VietnamTime.MinuteKey(now);
        if (changes.Open is not null || minute != _gaugesMinute)
        {
            _gauges = State.Gauges(now);
            _gaugesMinute = minute;
        }

        Outbox.Add(changes.Delta, _gauges);
    }

    protected override async Task OnTickAsync(bool deactivating)
    {
        // A grain going away sends nothing more: its next activation is a new contributor, which the city rebuilds from.
        // (Waiting on the city here could deadlock with a city that is pulling from this very grain.)
        if (deactivating || Outbox.Pending.Count == 0)
        {
            return;
        }

        var shares = Outbox.Pending.ToList();
        try
        {
            await City.Merge(shares);
            Outbox.Acknowledge(shares[^1].Number);
        }
        catch (Exception ex)
        {
            // Kept and sent again with the next tick's share; past the outbox's bound the city rebuilds from the units.
            LogForwardFailed(_logger, Key.ToString(), shares.Count, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Unit} could not forward {Shares} share(s) to the city: {Reason}")]
    private static partial void LogForwardFailed(ILogger logger, string unit, int shares, string reason);
}
