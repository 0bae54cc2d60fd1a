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
/// The city (key: its code). Its figures are its contributors' shares merged as they arrive (pre-aggregate, then
/// forward); it never sees a raw event and keeps no state of its own on disk: when it activates, or misses a share, it
/// rebuilds by pulling every contributor's whole state. Its history series is written by the history writer from the
/// same deltas, in the transactions that save the contributors'.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed partial class CityGrain(UnitCatalog units, UnitGrainServices services) : Grain, ICityGrain
{
    private readonly ILogger _logger = services.Loggers.CreateLogger("IOC.Grains.CityGrain");
    private CityFold _fold = null!;
    private UnitAlerts? _alerts;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _fold = new CityFold(new UnitKey(UnitLevel.City, this.GetPrimaryKeyString()));
        await RebuildAsync("activation");
        _alerts = await UnitAlerts.ActivateAsync(ServiceProvider, _fold.Key, cancellationToken);
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(services.Options.Tick, services.Options.Tick));
    }

    public async Task Merge(IReadOnlyList<CityShare> shares)
    {
        foreach (var share in shares)
        {
            if (share.Minutes.Count > 0)
            {
                _alerts?.Arrived();
            }

            if (_fold.Apply(share) == ShareOutcome.Missing)
            {
                await RebuildAsync($"share {share.Number} of {share.From} came before the one it follows");
                return;
            }
        }
    }

    public async Task<GrainSnapshot> Refresh()
    {
        var pending = await Task.WhenAll(Contributors().Select(c => c.FlushToCity()));
        foreach (var shares in pending)
        {
            await Merge(shares);
        }

        return _fold.Snapshot(services.Time.GetUtcNow());
    }

    public Task<AlertView?> Acknowledge(string ruleId, string by, string? note) =>
        _alerts?.AcknowledgeAsync(GrainFactory, ruleId, by, note) ?? Task.FromResult<AlertView?>(null);

    public Task<IReadOnlyList<AlertView>> GetAlerts() => Task.FromResult(_alerts?.Views() ?? []);

    public Task<CityTrend> GetTrend()
    {
        var now = services.Time.GetUtcNow();
        var slots = _fold.TodayByFiveMinutes(now).Select(b => new Bucket(Domain.Time.VietnamTime.MinuteKey(b.Start) / 5, b.Counters)).ToList();
        return Task.FromResult(new CityTrend(Domain.Time.VietnamTime.DayKey(now), true, slots));
    }

    /// <summary>Publishes every tick, changed or not: the web hosts read the city's update as the sign that figures are fresh.</summary>
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = services.Time.GetUtcNow();
        var snapshot = _fold.ChangedSnapshot(now);
        var trend = _fold.TakeTrend(now);
        await GrainFactory.GetGrain<IKpiPublisherGrain>(0).Publish(new KpiUpdate(now, snapshot, trend));

        // The city's alert rules are judged on its own sums (issue 13: docs/alerts.md).
        if (_alerts is not null)
        {
            await _alerts.TickAsync(GrainFactory, _fold.LastSnapshot, _fold.Day, now);
        }
    }

    private async Task RebuildAsync(string why)
    {
        var contributions = await Task.WhenAll(Contributors().Select(c => c.PullContribution()));
        _fold.Reset();
        foreach (var contribution in contributions)
        {
            _fold.Load(contribution);
        }

        LogRebuilt(_logger, why, contributions.Length);
    }

    private IEnumerable<ICityContributor> Contributors() =>
        units.Wards.Select(w => (ICityContributor)GrainFactory.GetGrain<IWardGrain>(w.Code))
            .Append(GrainFactory.GetGrain<ICityWorkGrain>(units.City.Code));

    [LoggerMessage(Level = LogLevel.Information, Message = "City rebuilt from {Contributors} contributors ({Why})")]
    private static partial void LogRebuilt(ILogger logger, string why, int contributors);
}
