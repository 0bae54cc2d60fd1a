using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Grains;
using IOC.Grains.Fold;
using IOC.Grains.Interfaces;
using IOC.Grains.Messages;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Placement;

namespace IOC.Grains.Grains;

/// <summary>
/// A province (key: its code; the "city" of the API when it is the deployment's): the sum of its wards' and communes'
/// shares and of its direct work's. In national mode it is also a contributor of the country, the way a ward is one of
/// the province: on its tick it forwards, as a numbered share, what it applied since the last one (pre-aggregate, then
/// forward: the country never sees a ward's share, let alone an event). A rebuild starts a new incarnation, which the
/// country notices on the next share and answers by pulling every province's whole state.
/// </summary>
// Immovable for the cluster's rebalancer: a roll-up that moves rebuilds by pulling every contributor, while the
// rebalancer is moving those contributors too; there are few of them and they balance nothing. A dead node's still
// activate elsewhere.
[CollectionAgeLimit(AlwaysActive = true), Immovable]
public sealed partial class CityGrain(UnitCatalog units, UnitGrainServices services) : RollupGrain(UnitLevel.City, units, services), ICityGrain
{
    private readonly ILogger _logger = services.Loggers.CreateLogger("IOC.Grains.CityGrain");
    private ShareOutbox? _outbox;
    private UnitAlerts? _alerts;

    // After a rebuild the next share goes out even if empty, so the country hears of the new incarnation.
    private bool _announce;

    protected override bool Forwards => Units.IsNational;

    private ShareOutbox Outbox => _outbox ??= new ShareOutbox(Key);

    public Task<CityContribution> PullContribution()
    {
        // What was applied since the last share is in the buckets exported: the country counts it through them.
        Fold.TakeForward();
        Outbox.Clear();
        _announce = false;
        return Task.FromResult(new CityContribution(Key, Outbox.Incarnation, Fold.ExportBuckets(), Outbox.LastNumber, Fold.Gauges));
    }

    public async Task<IReadOnlyList<CityShare>> FlushToCountry()
    {
        await TakePendingAsync();
        QueueShare();
        return [.. Outbox.Pending];
    }

    protected override IEnumerable<UnitKey> Contributors() => Units.ContributorsOf(Key.Code);

    protected override Task<CityContribution> PullAsync(UnitKey contributor) => Contributor(contributor).PullContribution();

    protected override Task<IReadOnlyList<CityShare>> FlushAsync(UnitKey contributor) => Contributor(contributor).FlushToCity();

    protected override void OnRebuilt()
    {
        if (Forwards)
        {
            _outbox = new ShareOutbox(Key);
            _announce = true;
        }
    }

    public Task<AlertView?> Acknowledge(string ruleId, string by, string? note) =>
        _alerts?.AcknowledgeAsync(GrainFactory, ruleId, by, note) ?? Task.FromResult<AlertView?>(null);

    public Task<IReadOnlyList<AlertView>> GetAlerts() => Task.FromResult(_alerts?.Views() ?? []);

    protected override async Task OnActivatedAsync(CancellationToken cancellationToken) =>
        _alerts = await UnitAlerts.ActivateAsync(ServiceProvider, Key, cancellationToken);

    protected override void OnShare(CityShare share)
    {
        // A share with minutes means events arrived below: the "feed silent" rules hear of it (docs/alerts.md).
        if (share.Minutes.Count > 0)
        {
            _alerts?.Arrived();
        }
    }

    protected override async Task OnTickAsync()
    {
        // The province's alert rules are judged on its own sums, after it published (issue 13: docs/alerts.md).
        if (_alerts is not null)
        {
            await _alerts.TickAsync(GrainFactory, Fold.LastSnapshot, Fold.Day, Services.Time.GetUtcNow());
        }

        if (!Forwards || Units.Country is not { } country)
        {
            return;
        }

        QueueShare();
        var outbox = Outbox;
        if (outbox.Pending.Count == 0)
        {
            return;
        }

        var shares = outbox.Pending.ToList();
        try
        {
            await GrainFactory.GetGrain<ICountryGrain>(country.Code).Merge(shares);

            // A rebuild meanwhile replaced the outbox: its numbers are another incarnation's.
            if (ReferenceEquals(outbox, _outbox))
            {
                outbox.Acknowledge(shares[^1].Number);
            }
        }
        catch (Exception ex)
        {
            // Kept and sent again with the next tick's share; past the outbox's bound the country rebuilds from the provinces.
            LogForwardFailed(_logger, Key.ToString(), shares.Count, ex.Message);
        }
    }

    private void QueueShare()
    {
        if (Forwards)
        {
            Outbox.Add(Fold.TakeForward(), Fold.Gauges, _announce);
            _announce = false;
        }
    }

    private ICityContributor Contributor(UnitKey key) => key.Level == UnitLevel.Direct
        ? GrainFactory.GetGrain<ICityWorkGrain>(key.Code)
        : GrainFactory.GetGrain<IWardGrain>(key.Code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Province} could not forward {Shares} share(s) to the country: {Reason}")]
    private static partial void LogForwardFailed(ILogger logger, string province, int shares, string reason);
}
