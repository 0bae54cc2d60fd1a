using IOC.Domain.Units;
using IOC.Grains.Alerts.Interfaces;
using IOC.Grains.Interfaces;
using IOC.Grains.Pushes;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace IOC.Alerts.Live;

/// <summary>
/// Connects this web host to the alert pushes (<see cref="ObserverFeedHost{TObserver}"/>): its observer fills the
/// <see cref="AlertBoard"/>, seeded from every unit's grain.
/// </summary>
public sealed class AlertFeedHost(
    IGrainFactory grains, ILocalSiloDetails silo, UnitCatalog units, AlertBoard board, TimeProvider time, ILogger<AlertFeedHost> logger)
    : ObserverFeedHost<IAlertObserver>(time, logger)
{
    // Held here: the runtime keeps only a weak reference to an observer object.
    private readonly AlertObserver _observer = new(board);

    protected override string FeedName => "alert";

    protected override IAlertObserver CreateReference() => grains.CreateObjectReference<IAlertObserver>(_observer);

    protected override Task RegisterAsync(IAlertObserver reference) => grains.GetGrain<IAlertObserverRegistryGrain>(0).Register(silo.SiloAddress, reference);

    protected override async Task SeedAsync()
    {
        var owners = units.All.Select(u => grains.AlertOwner(u.Key)).OfType<IAlertOwner>();
        var views = await Task.WhenAll(owners.Select(o => o.GetAlerts()));
        board.Seed(views.SelectMany(v => v));
    }
}
